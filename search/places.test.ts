import { coordinatesFor, placeKey, type Point } from "./places";

function near(point: Point | null, expected: Point, km = 5) {
  expect(point).not.toBeNull();
  // About 111 km per degree of latitude, about 70 km per degree of longitude in Germany.
  expect(Math.abs(point!.lat - expected.lat) * 111).toBeLessThan(km);
  expect(Math.abs(point!.lng - expected.lng) * 70).toBeLessThan(km);
}

describe("coordinates of German places, offline", () => {
  test("a postal code gives the place of its town", () => {
    near(coordinatesFor({ postalCode: "10115" }), { lat: 52.52, lng: 13.405 });
    // The postal-code table says München, GeoNames Munich.
    near(coordinatesFor({ postalCode: "80331", town: "München" }), { lat: 48.137, lng: 11.575 });
    // Kept as a number in the table, the leading zero is put back: 01067 is Dresden.
    near(coordinatesFor({ postalCode: "01067" }), { lat: 51.05, lng: 13.74 });
  });

  test("a town name without a postal code, umlauts spelt out or not", () => {
    near(coordinatesFor({ town: "Köln" }), { lat: 50.94, lng: 6.96 });
    near(coordinatesFor({ town: "Koeln" }), { lat: 50.94, lng: 6.96 });
    // Villages named Essen elsewhere do not hide the city: most of the name's postal codes are in NRW.
    near(coordinatesFor({ town: "Essen" }), { lat: 51.46, lng: 7.01 });
  });

  test("a postal code whose town has namesakes in other Länder gets the one in its own Land", () => {
    // Erlenbach am Main (Bayern) and Erlenbach near Heilbronn (Baden-Württemberg).
    near(coordinatesFor({ postalCode: "63906", town: "Erlenbach" }), { lat: 49.98, lng: 9.64 });
    near(coordinatesFor({ postalCode: "74235", town: "Erlenbach" }), { lat: 49.17, lng: 9.27 });
    // Halle (Saale) in Sachsen-Anhalt, Halle (Westf.) in Nordrhein-Westfalen.
    near(coordinatesFor({ postalCode: "06108" }), { lat: 51.48, lng: 11.97 });
    near(coordinatesFor({ postalCode: "33790" }), { lat: 52.06, lng: 8.36 });
    // Without a postal code the name alone is ambiguous: no answer rather than a wrong one.
    expect(coordinatesFor({ town: "Erlenbach" })).toBeNull();
  });

  test("the table's additions that belong to the name pick the right place", () => {
    near(coordinatesFor({ postalCode: "60311" }), { lat: 50.11, lng: 8.68 });
    near(coordinatesFor({ postalCode: "15230" }), { lat: 52.35, lng: 14.55 });
  });

  test("a postal code the table lacks gets the centre of its neighbouring codes", () => {
    // 63915 is not given out; 6391x lies around Miltenberg and Klingenberg am Main.
    near(coordinatesFor({ postalCode: "63915", town: "Lindach" }), { lat: 49.78, lng: 9.18 }, 30);
  });

  test("unknown places give null", () => {
    expect(coordinatesFor({ town: "Atlantis" })).toBeNull();
    expect(coordinatesFor({ postalCode: "00000" })).toBeNull();
    expect(coordinatesFor({ postalCode: "abcde", town: "" })).toBeNull();
    expect(coordinatesFor({})).toBeNull();
  });

  test("names are compared without case, umlauts or extra spaces", () => {
    expect(placeKey("  Mühlheim   am Bach ")).toBe("muehlheim am bach");
  });
});
