import { useTranslation } from "react-i18next";
import type { FacetValue } from "./directory-search.server";

type FacetName = "kategorie" | "zielgruppe" | "sprache" | "ort" | "zugang" | "kostenlos";

/** One facet as checkboxes with counts; part of the directory's GET form, so it works without JavaScript. */
export function FacetGroup({ name, values, label }: { name: FacetName; values: FacetValue[]; label: (value: FacetValue) => string }) {
  const { t } = useTranslation();
  if (values.length === 0) return null;
  return (
    <fieldset className="facet">
      <legend>{t(`directory.facets.${name}`)}</legend>
      <ul>
        {values.map((value, index) => {
          // Values may hold spaces (towns): ids use the position.
          const id = `facet-${name}-${index}`;
          return (
            <li key={value.value}>
              <input type="checkbox" id={id} name={name} value={name === "kostenlos" ? "1" : value.value} defaultChecked={value.selected} />
              <label htmlFor={id}>
                {label(value)} <span className="facet__count">({value.count})</span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
