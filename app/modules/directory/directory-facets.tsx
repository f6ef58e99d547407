import { useEffect, useRef, type ReactNode } from "react";
import { formatNumber } from "#app/utils/number-format";
import { useTranslation } from "#app/utils/use-translation";
import type { DirectoryQuery, FacetName } from "./directory-filters";
import type { FacetValue } from "./directory-search.server";

type FacetGroupProps = { name: FacetName; values: FacetValue[]; label: (value: FacetValue) => string; more?: number; expanded: boolean; legend?: string };

// Facets that are one yes/no choice: the checkbox sends "1".
const SWITCHES: readonly FacetName[] = ["kostenlos", "rollstuhl"];

/**
 * One facet as checkboxes with counts; part of the directory's GET form, so it works without
 * JavaScript. A long facet shows its most frequent values and a button for the rest ("mehr" in the
 * URL), which keeps the other choices of the form. The button goes away with its values shown: the
 * focus moves on to the first value it brought rather than being lost.
 */
export function FacetGroup({ name, values, label, more, expanded, legend }: FacetGroupProps) {
  const { t, language } = useTranslation();
  const shownBefore = useRef<number | null>(null);
  useEffect(() => {
    const first = shownBefore.current;
    if (first === null || !expanded) return;
    shownBefore.current = null;
    document.getElementById(`facet-${name}-${Math.min(first, values.length - 1)}`)?.focus();
  }, [expanded, name, values.length]);
  if (values.length === 0) return null;
  const title = legend ?? t(`directory.facets.${name}`);
  return (
    <fieldset className="facet">
      <legend>{title}</legend>
      {expanded ? <input type="hidden" name="mehr" value={name} /> : null}
      <ul>
        {values.map((value, index) => {
          // Values may hold spaces (towns): ids use the position.
          const id = `facet-${name}-${index}`;
          return (
            <li key={value.value}>
              <input type="checkbox" id={id} name={name} value={SWITCHES.includes(name) ? "1" : value.value} defaultChecked={value.selected} />
              <label htmlFor={id}>
                <bdi>{label(value)}</bdi> <span className="facet__count">({formatNumber(language, value.count)})</span>
              </label>
            </li>
          );
        })}
      </ul>
      {more ? (
        <button type="submit" name="mehr" value={name} className="link-button facet__more" onClick={() => (shownBefore.current = values.length)}>
          {t("directory.moreFacetValues", { count: more, facet: title })}
        </button>
      ) : null}
    </fieldset>
  );
}

/** How many filters narrow the search: each chosen value counts, and so does each yes/no filter. */
export function activeFilterCount(query: DirectoryQuery): number {
  const lists = query.kategorie.length + query.zielgruppe.length + query.sprache.length + query.ort.length + query.zugang.length;
  return lists + [query.kostenlos, query.rollstuhl, query.offen].filter(Boolean).length;
}

// As app.css's wide layout: from here on the filters stand beside the results.
const WIDE = "(min-width: 48rem)";

/**
 * The filters folded into a disclosure that says how many are active ("Filter (2 aktiv)"), so that a
 * phone shows the results first. A native <details>: it opens and closes without JavaScript. On wide
 * screens it is opened once, where the filters stand beside the results; after that it is the
 * visitor's. It comes open when the visitor asked for more values of a facet (without JavaScript the
 * page loads anew).
 */
export function FilterDisclosure({ active, open, children }: { active: number; open: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current && window.matchMedia(WIDE).matches) ref.current.open = true;
  }, []);
  return (
    <details className="directory__filters" ref={ref} open={open || undefined}>
      <summary>{active > 0 ? t("layout.filters.active", { count: active }) : t("layout.filters.none")}</summary>
      <div className="directory__facets">{children}</div>
    </details>
  );
}
