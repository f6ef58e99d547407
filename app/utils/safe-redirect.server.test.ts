import { safeRedirect, safeRedirectTarget } from "./safe-redirect.server";

const ORIGIN = "https://netzwerk.example";

describe("where a form may send the browser afterwards", () => {
  test.each([
    ["/open-mic/3?x=1#a", "/open-mic/3?x=1#a"],
    ["/", "/"],
    ["/konto/passwort?x=1#oben", "/konto/passwort?x=1#oben"],
    ["/suche?q=Kita%20Platz", "/suche?q=Kita%20Platz"],
    ["/suche?q=Kita Platz", "/suche?q=Kita%20Platz"],
    ["/verzeichnis?ort=Lindach&sprache=ar", "/verzeichnis?ort=Lindach&sprache=ar"],
    ["/arbeitsgruppen/sprache-und-bildung/themen/neu", "/arbeitsgruppen/sprache-und-bildung/themen/neu"],
    ["/suche?q=%2F%2Fevil.example", "/suche?q=%2F%2Fevil.example"],
    ["/a/./b/../c", "/a/c"],
    ["/über-uns", "/%C3%BCber-uns"],
  ])("a path on this site is kept: %j", (target, expected) => {
    expect(safeRedirect(target, "/", ORIGIN)).toBe(expected);
  });

  test.each([
    "//evil.example",
    "//evil.example/open-mic",
    "/.//evil.example",
    "/..//evil.example",
    "/././/evil.example",
    "/a/..//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/open-mic\\..\\..\\evil.example",
    "/%2F%2Fevil.example",
    decodeURIComponent("/%2F%2Fevil.example"),
    "/%2F/evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "/%09/evil.example",
    "/%E0%A4%A",
    "https://evil.example",
    "https://evil.example/",
    "http://netzwerk.example/",
    "https://netzwerk.example/konto",
    "HTTPS://evil.example",
    "//netzwerk.example@evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\u0000/evil.example",
    "/konto\u007f",
    "/suche?q=\\x",
    "evil.example",
    "open-mic/3",
    "?next=/",
    "#a",
    "",
  ])("anything a browser could read as another host, or that is no plain path, falls back: %j", (target) => {
    expect(safeRedirect(target, "/", ORIGIN)).toBe("/");
  });

  test("no value, or a file instead of text, falls back", () => {
    for (const target of [null, undefined, new File(["/konto"], "konto.txt")]) expect(safeRedirect(target, "/start", ORIGIN)).toBe("/start");
  });

  test("without an origin given, paths are resolved against APP_URL", () => {
    expect(safeRedirect("/open-mic/3?x=1#a")).toBe("/open-mic/3?x=1#a");
    expect(safeRedirect("/.//evil.example")).toBe("/");
  });
});

describe("where a guest is brought back to after signing in", () => {
  test("the path and query of the request", () => {
    expect(safeRedirectTarget(new Request("http://localhost:3000/open-mic/3?sortierung=neu#x"))).toBe("/open-mic/3?sortierung=neu");
  });

  test("a request path that a browser would read as another host becomes /", () => {
    expect(safeRedirectTarget(new Request("http://localhost:3000//evil.example/konto"))).toBe("/");
    expect(safeRedirectTarget(new Request("http://localhost:3000/%2F%2Fevil.example"))).toBe("/");
  });
});
