import { languageCheck, textProblems } from "./language-checks";

describe("the checks of a page's language", () => {
  const english = languageCheck("en");

  test("a raw key is found, a word with a dot that is no key is not", () => {
    expect(textProblems(english, "Welcome nav.directory here")).toEqual(['raw key "nav.directory"']);
    expect(textProblems(english, "Write to info@auental.example or see www.example.org")).toEqual([]);
  });

  test("a German UI string on an English page is found as a word of its own, English is not", () => {
    expect(textProblems(english, "Directory · Verzeichnis")).toEqual(['German "Verzeichnis"']);
    expect(textProblems(english, "Directory · Verzeichnisse")).toEqual([]);
    expect(textProblems(english, "Directory · Working groups · Open Mic · Kurze Wege")).toEqual([]);
  });

  test("a UI string that is also the site's content is left to the content", () => {
    expect(textProblems(languageCheck("en", "Arbeitsgruppe Verzeichnis und Datenpflege"), "Directory · Verzeichnis")).toEqual([]);
  });

  test("German pages are not checked for German", () => {
    expect(textProblems(languageCheck("de"), "Verzeichnis · Arbeitsgruppen")).toEqual([]);
  });
});
