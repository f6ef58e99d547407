import { coordinatesFor } from "#search/places";

type Address = { postalCode?: string | null; town?: string | null; latitude?: number | null; longitude?: number | null };

/**
 * An address with coordinates: those it has, or else those of its postal code or town from the
 * shipped place tables (search/places.ts), so distance sort works for it too. Nothing is asked of
 * anyone outside; an address no table knows stays without.
 */
export function withCoordinates<T extends Address>(values: T): T {
  if (values.latitude != null && values.longitude != null) return values;
  const point = coordinatesFor({ postalCode: values.postalCode, town: values.town });
  return point ? { ...values, latitude: point.lat, longitude: point.lng } : values;
}
