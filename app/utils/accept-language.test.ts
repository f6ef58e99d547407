import { parseAcceptLanguage, preferredLanguage } from "./accept-language";

const OURS = ["de", "en", "uk", "ru", "ar", "fa", "tr", "ro", "bg", "pl"];

describe("reading Accept-Language", () => {
  test("ranges come most wanted first, by q-value, equal weights in the order given", () => {
    expect(parseAcceptLanguage("de;q=0.5, uk-UA, uk;q=0.9, en;q=0.5")).toEqual([
      { range: "uk-ua", q: 1 },
      { range: "uk", q: 0.9 },
      { range: "de", q: 0.5 },
      { range: "en", q: 0.5 },
    ]);
  });

  test("q=0 means not wanted, and malformed entries are left out", () => {
    expect(parseAcceptLanguage("ar;q=0, fa;q=2, tr;q=abc, <script>, ro;q=0.001, , bg ; q=0.7")).toEqual([
      { range: "bg", q: 0.7 },
      { range: "ro", q: 0.001 },
    ]);
    expect(parseAcceptLanguage("")).toEqual([]);
    expect(parseAcceptLanguage(null)).toEqual([]);
  });
});

describe("the language a first visit is offered", () => {
  test("a regional range asks for its language", () => {
    expect(preferredLanguage("uk-UA,uk;q=0.9,de;q=0.8", OURS)).toBe("uk");
    expect(preferredLanguage("ar-SY", OURS)).toBe("ar");
  });

  test("German first means German", () => {
    expect(preferredLanguage("de-DE,de;q=0.9,en;q=0.8", OURS)).toBe("de");
  });

  test("a language we do not have is skipped for the next one we do", () => {
    expect(preferredLanguage("fr-FR, fr;q=0.9, fa;q=0.4, en;q=0.3", OURS)).toBe("fa");
  });

  test("the weights decide, not the order", () => {
    expect(preferredLanguage("de;q=0.2, ru;q=0.8", OURS)).toBe("ru");
  });

  test("none of ours, a wildcard or no header offers nothing", () => {
    expect(preferredLanguage("fr, it;q=0.5", OURS)).toBeNull();
    expect(preferredLanguage("*", OURS)).toBeNull();
    expect(preferredLanguage(undefined, OURS)).toBeNull();
  });
});
