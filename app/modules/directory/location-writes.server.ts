import { and, asc, eq, gte } from "drizzle-orm";
import { db } from "#db/client";
import { locations, openingExceptions, openingHours, serviceLocations } from "#db/schema";
import { enqueueSearchSync } from "#search/sync";
import { notFound } from "#app/utils/http";
import { withCoordinates } from "./coordinates.server";
import { formatOpeningHours } from "./import/opening-hours";
import type { LocationForm } from "./location-schema";
import { berlinToday } from "./open-now.server";
import { formatOpeningExceptions } from "./opening-exceptions";

/** A location of this partner as its form shows it, or null (also for another partner's location). */
export async function getLocationForEdit(partnerId: string, locationId: string) {
  if (!/^[0-9a-f-]{36}$/.test(locationId)) return null;
  const [location] = await db
    .select()
    .from(locations)
    .where(and(eq(locations.id, locationId), eq(locations.partnerId, partnerId)));
  if (!location) return null;
  const [hours, exceptions] = await Promise.all([
    db.select({ weekday: openingHours.weekday, opens: openingHours.opens, closes: openingHours.closes }).from(openingHours).where(eq(openingHours.locationId, location.id)),
    db
      .select({ day: openingExceptions.day, opens: openingExceptions.opens, closes: openingExceptions.closes, note: openingExceptions.note })
      .from(openingExceptions)
      .where(and(eq(openingExceptions.locationId, location.id), gte(openingExceptions.day, berlinToday)))
      .orderBy(asc(openingExceptions.day)),
  ]);
  return {
    id: location.id,
    values: {
      name: location.name ?? "",
      street: location.street,
      postalCode: location.postalCode,
      town: location.town,
      latitude: location.latitude?.toString() ?? "",
      longitude: location.longitude?.toString() ?? "",
      accessibilityNote: location.accessibilityNote ?? "",
      wheelchairAccessible: location.wheelchairAccessible ? "on" : undefined,
      openingHours: formatOpeningHours(hours.map((slot) => ({ ...slot, opens: slot.opens.slice(0, 5), closes: slot.closes.slice(0, 5) }))).replace(/\|/g, "\n"),
      exceptions: formatOpeningExceptions(exceptions.map((exception) => ({ ...exception, opens: exception.opens?.slice(0, 5) ?? null, closes: exception.closes?.slice(0, 5) ?? null }))),
    },
  };
}

/**
 * Creates or updates a partner's location with its weekly hours in one transaction; every service
 * offered there is synced again (its town, place and distance live in its search documents).
 * Saved without coordinates, it gets those of its postal code or town.
 */
export async function saveLocation(target: { partnerId: string; locationId?: string }, form: LocationForm): Promise<string> {
  return db.transaction(async (tx) => {
    const { openingHours: slots, exceptions, ...values } = withCoordinates(form);
    const [saved] = target.locationId
      ? await tx
          .update(locations)
          .set({ ...values, updatedAt: new Date() })
          .where(and(eq(locations.id, target.locationId), eq(locations.partnerId, target.partnerId)))
          .returning({ id: locations.id })
      : await tx
          .insert(locations)
          .values({ ...values, partnerId: target.partnerId })
          .returning({ id: locations.id });
    if (!saved) throw notFound();
    await tx.delete(openingHours).where(eq(openingHours.locationId, saved.id));
    if (slots.length > 0) await tx.insert(openingHours).values(slots.map((slot) => ({ ...slot, locationId: saved.id })));
    // The form shows the days from today on: those are replaced, past ones stay as a record.
    await tx.delete(openingExceptions).where(and(eq(openingExceptions.locationId, saved.id), gte(openingExceptions.day, berlinToday)));
    if (exceptions.length > 0) await tx.insert(openingExceptions).values(exceptions.map((exception) => ({ ...exception, locationId: saved.id })));
    for (const offered of await tx.select({ serviceId: serviceLocations.serviceId }).from(serviceLocations).where(eq(serviceLocations.locationId, saved.id))) {
      await enqueueSearchSync(tx, "services", offered.serviceId);
    }
    await enqueueSearchSync(tx, "partners", target.partnerId);
    return saved.id;
  });
}
