import { compoundParts, germanQuery, relaxedGermanQuery, searchKeywords, stem, wordForms } from "./german";

describe("German word forms", () => {
  test.each([
    ["Anmeldung", "anmelden"],
    ["Beratungen", "Beratung"],
    ["Kurse", "Kurs"],
    ["Integrationskurse", "Integrationskurs"],
    ["Familien", "Familie"],
    ["Anträge", "Antrag"],
  ])("%s and %s meet at one stem", (one, other) => {
    expect(stem(one)).toBe(stem(other));
  });

  test("the stem of a word without umlauts is among the forms of the word with them", () => {
    expect(searchKeywords(["Ausländerbehörde"])).toContain(stem("Auslaenderbehoerde"));
    expect(searchKeywords(["Ausländerbehörde"])).toContain(stem("Auslanderbehorde"));
  });
});

describe("compounds are split against the dictionary, not a list of endings", () => {
  test.each([
    ["Lebensmittelausgabe", ["ausgabe", "lebensmittel", "mittel"]],
    ["Schuleingangsuntersuchung", ["untersuchung", "eingangs"]],
    ["Kleiderkammer", ["kammer", "kleider"]],
    ["Wohnsitzauflage", ["auflage", "wohnsitz"]],
    ["Integrationskurs", ["kurs", "integrations"]],
  ])("%s → %j", (word, parts) => {
    expect(compoundParts(word)).toEqual(expect.arrayContaining(parts));
  });

  test.each(["Integration", "Beratung", "Caritas", "Verein", "Diakonie"])("%s is not taken apart", (word) => {
    expect(compoundParts(word)).toEqual([]);
  });

  test("hyphenated compounds are also one word", () => {
    expect(searchKeywords(["Kita-Platz-Beratung"])).toContain("kitaplatzberatung");
  });
});

describe("queries get the documents' analysis", () => {
  test("long words become their stems; short words, numbers and phrases stay as typed", () => {
    expect(germanQuery('Anmeldung zum Integrationskurs "Kurse in" JMD 27468')).toBe('anmeld zum integrationskur "Kurse in" JMD 27468');
  });

  test("a query's stem is a keyword of the document that has the word in another form", () => {
    const forms = searchKeywords(["Hier können Sie sich zum Kurs anmelden"]);
    expect(forms).toContain(germanQuery("Anmeldung"));
  });

  test("word forms leave out the words themselves", () => {
    const forms = wordForms(["Beratung für Familien"]);
    expect(forms).toContain("berat");
    expect(forms).not.toContain("beratung");
  });
});

describe("a part left out before und/oder", () => {
  test("Seh- und Hörtest also stands for Sehtest", () => {
    expect(searchKeywords(["Seh- und Hörtest für Kinder"])).toContain("sehtest");
  });
});

describe("a query that found nothing is loosened", () => {
  test("compounds become their parts, -ung nouns the stem of their verb", () => {
    expect(relaxedGermanQuery("Flüchtlingsberatung")).toBe("fluchtling berat");
    expect(relaxedGermanQuery("Impfung Kinder")).toBe("impf kind");
  });

  test("a query with nothing to loosen gives null", () => {
    expect(relaxedGermanQuery("Kita Tafel")).toBeNull();
  });
});
