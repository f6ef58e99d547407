import { useEffect, useId, useState } from "react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList } from "#app/components/forms";

type ServiceOption = { id: string; name: string; partnerName: string };

/**
 * Checkboxes for the directory's active services an answer may point to. Without JavaScript the
 * whole list is there to tick; with it, a filter field narrows the list (ticked ones always stay).
 */
export function ServicePicker({ services, name, selected, errors, errorId }: { services: ServiceOption[]; name: string; selected: string[]; errors?: string[]; errorId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [enhanced, setEnhanced] = useState(false);
  const [query, setQuery] = useState("");
  const [ticked, setTicked] = useState(() => new Set(selected));
  useEffect(() => setEnhanced(true), []);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (service: ServiceOption) => {
    const text = `${service.name} ${service.partnerName}`.toLowerCase();
    return words.every((word) => text.includes(word));
  };
  const hintId = `${id}-hint`;
  return (
    <fieldset className="choices service-picker" aria-describedby={[hintId, errors?.length ? errorId : null].filter(Boolean).join(" ")}>
      <legend>{t("openMicCoordination.status.services")}</legend>
      <p id={hintId} className="field__hint">
        {t("openMicCoordination.status.servicesHint")}
      </p>
      <ErrorList id={errorId} errors={errors} />
      {enhanced ? (
        <div className="field service-picker__filter">
          <label htmlFor={`${id}-filter`}>{t("openMicCoordination.status.serviceFilter")}</label>
          <input id={`${id}-filter`} type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
        </div>
      ) : null}
      <ul className="service-picker__list">
        {services.map((service) => (
          <li key={service.id} hidden={!ticked.has(service.id) && !matches(service)}>
            <input
              type="checkbox"
              id={`${id}-${service.id}`}
              name={name}
              value={service.id}
              defaultChecked={selected.includes(service.id)}
              onChange={(event) => {
                const next = new Set(ticked);
                if (event.target.checked) next.add(service.id);
                else next.delete(service.id);
                setTicked(next);
              }}
            />
            <label htmlFor={`${id}-${service.id}`}>
              {service.name} <span className="service-picker__partner">({service.partnerName})</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
