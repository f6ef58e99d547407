import { useTranslation } from "#app/utils/use-translation";
import type { FacetName } from "./directory-filters";
import type { FacetValue } from "./directory-search.server";

type FacetGroupProps = { name: FacetName; values: FacetValue[]; label: (value: FacetValue) => string; more?: number; expanded: boolean; legend?: string };

// Facets that are one yes/no choice: the checkbox sends "1".
const SWITCHES: readonly FacetName[] = ["kostenlos", "rollstuhl"];

/**
 * One facet as checkboxes with counts; part of the directory's GET form, so it works without
 * JavaScript. A long facet shows its most frequent values and a button for the rest ("mehr" in the
 * URL), which keeps the other choices of the form.
 */
export function FacetGroup({ name, values, label, more, expanded, legend }: FacetGroupProps) {
  const { t } = useTranslation();
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
                {label(value)} <span className="facet__count">({value.count})</span>
              </label>
            </li>
          );
        })}
      </ul>
      {more ? (
        <button type="submit" name="mehr" value={name} className="link-button facet__more">
          {t("directory.moreFacetValues", { count: more, facet: title })}
        </button>
      ) : null}
    </fieldset>
  );
}
