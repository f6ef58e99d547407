import { useTranslation } from "react-i18next";
import { useRootData } from "~/utils/misc";

type LocationCardProps = {
  location: {
    name: string | null;
    street: string;
    postalCode: string;
    town: string;
    accessibilityNote: string | null;
    wheelchairAccessible: boolean;
    hours: { weekday: number; opens: string; closes: string }[];
    openNow: boolean;
  };
};

/** A place with its address, weekly hours (grouped by day), "jetzt geöffnet" and accessibility. */
export function LocationCard({ location }: LocationCardProps) {
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
      <p>
        {location.wheelchairAccessible ? t("directory.wheelchair") : t("directory.notWheelchair")}
        {location.accessibilityNote ? ` – ${location.accessibilityNote}` : ""}
      </p>
    </section>
  );
}
