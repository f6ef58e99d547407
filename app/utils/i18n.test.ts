import { createTranslator, type Messages } from "./i18n";

const messages = {
  _meta: { name: "Deutsch", dir: "ltr" },
  nav: { directory: "Verzeichnis" },
  topics_one: "{{count}} Anliegen",
  topics_other: "{{count}} Anliegen insgesamt",
  replies_zero: "Noch keine Antwort",
  replies_one: "Eine Antwort",
  replies_other: "{{count}} Antworten",
  only: "Nur ohne Form",
  greeting: "Hallo {{name}}, willkommen in {{ place.town }}!",
} as unknown as Messages;

const { t } = createTranslator("de", messages);

describe("the translator", () => {
  test("keys are paths through the language file", () => {
    expect(t("nav.directory")).toBe("Verzeichnis");
  });

  test("a count chooses the plural form by the language's rules; 0 takes the _zero form where there is one", () => {
    expect(t("topics", { count: 1 })).toBe("1 Anliegen");
    expect(t("topics", { count: 3 })).toBe("3 Anliegen insgesamt");
    expect(t("topics", { count: 0 })).toBe("0 Anliegen insgesamt");
    expect(t("replies", { count: 0 })).toBe("Noch keine Antwort");
    expect(createTranslator("en", messages).t("replies", { count: 1 })).toBe("Eine Antwort");
    // Without the form for the count, the key itself.
    expect(t("only", { count: 2 })).toBe("Nur ohne Form");
  });

  test("placeholders take their values, also from a path; a missing one stays, an empty one is empty", () => {
    expect(t("greeting", { name: "Selin", place: { town: "Auenstadt" } })).toBe("Hallo Selin, willkommen in Auenstadt!");
    expect(t("greeting", { place: { town: "Lindach" } })).toBe("Hallo {{name}}, willkommen in Lindach!");
    expect(t("greeting", { name: undefined, place: null })).toBe("Hallo , willkommen in {{ place.town }}!");
    // Values are text, never markup: React escapes them where they are shown.
    expect(t("greeting", { name: "<b>x</b>", place: { town: 42 } })).toBe("Hallo <b>x</b>, willkommen in 42!");
  });

  test("a missing key gives the default, else the key; a key of a group of strings gives the key", () => {
    expect(t("privacy.export.fields.email", { defaultValue: "email" })).toBe("email");
    expect(t("does.not.exist")).toBe("does.not.exist");
    expect(t("nav")).toBe("nav");
  });
});
