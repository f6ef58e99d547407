import { findPersonalData, isValidIban, personalDataIn, summarisePersonalData, type PersonalDataType } from "./personal-data";

const NOW = new Date("2026-03-15T12:00:00Z");
const found = (text: string) => findPersonalData(text, { now: NOW }).map((finding) => [finding.type, finding.text] as [PersonalDataType, string]);

describe("personal data: what is found", () => {
  test.each([
    ["Schreiben Sie an maria.schneider@example.org, sie weiß mehr.", "maria.schneider@example.org"],
    ["Kontakt: Ahmed.K+beratung@mail.example.de", "Ahmed.K+beratung@mail.example.de"],
    ["erreichbar unter frau.yilmaz (at) beispiel.de", "frau.yilmaz (at) beispiel.de"],
    ["oder info[at]verein-lindach.de", "info[at]verein-lindach.de"],
  ])("an e-mail address: %s", (text, snippet) => {
    expect(found(text)).toEqual([["email", snippet]]);
  });

  test.each([
    ["Rufen Sie an: +49 5321 123456", "+49 5321 123456"],
    ["Handy +49 (0) 171 2345678 bitte nur abends", "+49 (0) 171 2345678"],
    ["0049 171 2345678", "0049 171 2345678"],
    ["Die Familie hat die Nummer 0171 2345678.", "0171 2345678"],
    ["Büro 05321/123456 oder vorbeikommen", "05321/123456"],
    ["Telefon (05321) 12 34 56", "(05321) 12 34 56"],
    ["Frau K. ist unter 0531-7654321 zu erreichen", "0531-7654321"],
    ["Tel. 12 34 56 (ohne Vorwahl)", "12 34 56"],
    ["Ukrainische Nummer +380 67 123 4567", "+380 67 123 4567"],
  ])("a phone number: %s", (text, snippet) => {
    expect(found(text)).toEqual([["phone", snippet]]);
  });

  test.each([
    ["Herr A., geb. 12.03.1985, wartet seit Monaten.", "12.03.1985"],
    ["geboren am 3.7.79 in Kabul", "3.7.79"],
    ["Geburtsdatum: 2011-05-30", "2011-05-30"],
    ["Tochter * 14.2.2019, braucht einen Kitaplatz", "14.2.2019"],
    ["Sie ist am 5. Mai 1990 geboren.", "5. Mai 1990"],
    ["Der Antrag vom 01.02.1998 liegt noch vor.", "01.02.1998"],
    ["Herr B. (geb. 1962) sucht Arbeit", "geb. 1962"],
  ])("a date of birth: %s", (text, snippet) => {
    expect(found(text)).toEqual([["birthDate", snippet]]);
  });

  test.each([
    ["Bescheid Az. 123/45 vom Jobcenter", "Az. 123/45"],
    ["Aktenzeichen: 4 K 1234/21 beim Verwaltungsgericht", "Aktenzeichen: 4 K 1234/21"],
    ["Die BG-Nummer 12345BG0012345 steht auf dem Bescheid.", "BG-Nummer 12345BG0012345"],
    ["ohne Stichwort: 12345BG0012345", "12345BG0012345"],
    ["Kundennummer 987-654 bei der Agentur", "Kundennummer 987-654"],
    ["Kd.-Nr. 4711", "Kd.-Nr. 4711"],
    ["Steuer-ID 12 345 678 901", "Steuer-ID 12 345 678 901"],
    ["eine Nummer 83920175 aus dem Schreiben", "83920175"],
  ])("a file or customer number: %s", (text, snippet) => {
    expect(found(text)).toEqual([["fileNumber", snippet]]);
  });

  test.each([
    ["Überweisung auf DE89 3704 0044 0532 0130 00 bitte", "DE89 3704 0044 0532 0130 00"],
    ["IBAN: DE89370400440532013000", "DE89370400440532013000"],
    ["klein geschrieben de89 3704 0044 0532 0130 00", "de89 3704 0044 0532 0130 00"],
    ["Österreich AT61 1904 3002 3457 3201.", "AT61 1904 3002 3457 3201"],
  ])("an IBAN with a valid checksum: %s", (text, snippet) => {
    expect(found(text)).toEqual([["iban", snippet]]);
  });

  test("several kinds in one text are all found, in reading order", () => {
    const text = "Frau M. (geb. 02.04.1977), Tel. 0171 2345678, mail m@example.org, Az. 12/3456, IBAN DE89 3704 0044 0532 0130 00.";
    expect(found(text).map(([type]) => type)).toEqual(["birthDate", "phone", "email", "fileNumber", "iban"]);
  });
});

describe("personal data: what is not found", () => {
  test.each([
    ["a year", "Seit 2024 gibt es zu wenige Kursplätze, schon 2019 war es knapp."],
    ["a postal code", "Das Büro in 38100 Auenstadt und das in 01067 Dresden."],
    ["a price", "Der Kurs kostet 1.250,00 € oder 49,90 Euro im Monat, ermäßigt 0,50 €."],
    ["a large amount without separators", "Das Land gibt 150000 € und 2500000 Euro für die Kurse."],
    ["a recent or future date", "Der Termin am 12.03.2026 fiel aus, der nächste ist am 7.4.2026 und am 2025-11-30 war einer."],
    ["times and ranges", "Geöffnet 09:00-12:00 Uhr, Mo-Fr 8-16 Uhr, Raum 0.12, Kurs B1/B2."],
    ["a section of a law", "Nach § 45a SGB II und § 16 Abs. 3 AufenthG."],
    ["an IBAN with a wrong checksum", "DE89 3704 0044 0532 0130 01 ist falsch abgetippt."],
    ["a percentage and short numbers", "Nur 35 % der 120 Plätze, Gruppe 4, Haus Nr. 12."],
    ["a mention and a web address", "Danke @marta.kowalczyk, siehe https://www.example.org/kurse?id=12."],
    ["a version-like number", "Version 1.2.3 des Formulars"],
  ])("%s", (_label, text) => {
    expect(found(text)).toEqual([]);
  });

  test("the date of a text well in the past still warns: it may be a birthday", () => {
    expect(found("Seit dem 01.01.2005 gilt das Gesetz.").map(([type]) => type)).toEqual(["birthDate"]);
  });
});

describe("checksums and summaries", () => {
  test("IBAN checksums", () => {
    expect(isValidIban("DE89370400440532013000")).toBe(true);
    expect(isValidIban("GB82WEST12345698765432")).toBe(true);
    expect(isValidIban("DE89370400440532013001")).toBe(false);
    // A valid checksum at the wrong length for its country is no IBAN.
    expect(isValidIban("DE8937040044053201300")).toBe(false);
  });

  test("the summary lists each type once with its snippets, in a fixed order", () => {
    const findings = findPersonalData("a@example.org und a@example.org, 0171 2345678, b@example.org", { now: NOW });
    expect(summarisePersonalData(findings)).toEqual([
      { type: "email", snippets: ["a@example.org", "b@example.org"] },
      { type: "phone", snippets: ["0171 2345678"] },
    ]);
  });

  test("several fields of a post are checked together; empty ones are skipped", () => {
    expect(personalDataIn(["Titel mit x@example.org", null, "", "Lindach"], { now: NOW })).toEqual([{ type: "email", snippets: ["x@example.org"] }]);
  });
});
