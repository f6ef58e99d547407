import { safeRedirect } from "#app/utils/safe-redirect.server";

describe("return addresses after a form", () => {
  test("a path on this site is kept", () => {
    expect(safeRedirect("/konto/passwort?x=1#oben")).toBe("/konto/passwort?x=1#oben");
    expect(safeRedirect("/suche?q=Kita%20Platz")).toBe("/suche?q=Kita%20Platz");
  });

  test("anything a browser could read as another host falls back", () => {
    for (const target of ["//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "https://evil.example/", "javascript:alert(1)", "", null, undefined]) {
      expect(safeRedirect(target, "/start"), String(target)).toBe("/start");
    }
  });
});
