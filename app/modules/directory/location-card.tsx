import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { formatDate, useRootData } from "#app/utils/misc";
import { inGerman, LocalizedText } from "./localized-text";

type LocationCardProps = {
  location: {
    name: string | null;
    street: string;
    postalCode: string;
    town: string;
    accessibilityNote: string | null;
    wheelchairAccessible: boolean;
    hours: { weekday: number; opens: string; closes: string }[];
    exceptions: { day: string; opens: string | null; closes: string | null; note: string | null }[];
    openNow: boolean;
  };
};

/** A place with its address, weekly hours (grouped by day), "jetzt geöffnet" and accessibility; its notes are German, marked so on other pages. */
export function LocationCard({ location, editHref }: LocationCardProps & { editHref?: string }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  // 2024-01-01 was a Monday: weekday names in the page's language without a table of our own.
  const dayName = (weekday: number) => new Intl.DateTimeFormat(lang, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, weekday)));
  const days = [...new Set(location.hours.map((slot) => slot.weekday))];
  return (
    <section className="location">
      <h3>{location.name ?? location.town}</h3>
      <p>
        {location.street}
        <br />
        {location.postalCode} {location.town}
      </p>
      {location.hours.length > 0 ? (
        <>
          <p className={location.openNow ? "badge badge--open" : "badge"}>{location.openNow ? t("directory.openNowBadge") : t("directory.closedNow")}</p>
          <dl className="hours">
            {days.map((day) => (
              <div key={day}>
                <dt>{dayName(day)}</dt>
                <dd>
                  {location.hours
                    .filter((slot) => slot.weekday === day)
                    .map((slot) => `${slot.opens}–${slot.closes}`)
                    .join(", ")}
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      {location.exceptions.length > 0 ? (
        <>
          <h4 className="location__exceptions">{t("directory.exceptions")}</h4>
          <ul className="plain">
            {location.exceptions.map((exception) => (
              <li key={exception.day}>
                {formatDate(lang, `${exception.day}T12:00:00Z`, { weekday: "short", day: "numeric", month: "long" })}:{" "}
                {exception.opens && exception.closes ? `${exception.opens}–${exception.closes}` : t("directory.closed")}
                {exception.note ? (
                  <>
                    {" ("}
                    <LocalizedText text={inGerman(exception.note)} />)
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        {location.wheelchairAccessible ? t("directory.wheelchair") : t("directory.notWheelchair")}
        {location.accessibilityNote ? (
          <>
            {" – "}
            <LocalizedText text={inGerman(location.accessibilityNote)} />
          </>
        ) : null}
      </p>
      {editHref ? (
        <p className="no-print">
          <Link to={editHref}>{t("directory.location.editLink")}</Link>
        </p>
      ) : null}
    </section>
  );
}
