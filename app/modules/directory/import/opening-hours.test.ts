import { getFixedT } from "#app/utils/i18n.server";
import { importTranslator, type ImportMessage } from "./import-messages";
import { normalizeLanguageCode } from "./import-schema.server";
import { formatOpeningHours, parseIcalByDay, parseOpeningHours } from "./opening-hours";

const english = importTranslator(getFixedT("en"));
const german = importTranslator(getFixedT("de"));
const inEnglish = (message: ImportMessage | number[]) => (Array.isArray(message) ? message : english(message));

describe("opening hours in the CSV template", () => {
  test("day ranges, lists and several time ranges become one slot per day and range", () => {
    const { slots, errors } = parseOpeningHours("Mo-Mi 9:00-12:00, 13:00-15:30|Do,Fr 08:00-10:00");
    expect(errors).toEqual([]);
    expect(formatOpeningHours(slots)).toBe("Mo 09:00-12:00|Mo 13:00-15:30|Di 09:00-12:00|Di 13:00-15:30|Mi 09:00-12:00|Mi 13:00-15:30|Do 08:00-10:00|Fr 08:00-10:00");
  });

  test("English day names are read as well", () => {
    expect(parseOpeningHours("Tu-Th 10:00-11:00").slots.map((slot) => slot.weekday)).toEqual([2, 3, 4]);
  });

  test.each([
    ["Mo-Fr", '"Mo-Fr" is not like "Mo-Fr 09:00-12:00"'],
    ["Xy 09:00-12:00", 'unknown day "Xy" (use Mo, Di, Mi, Do, Fr, Sa, So) in "Xy 09:00-12:00"'],
    ["Fr-Mo 09:00-12:00", 'the range "Fr-Mo" runs backwards; write it as two parts in "Fr-Mo 09:00-12:00"'],
    ["Mo 12:00-09:00", 'closes (09:00) before it opens (12:00) in "Mo 12:00-09:00"'],
    ["Mo 09:00-25:00", '"25:00" is not a time of day in "Mo 09:00-25:00"'],
    ["Mo 9-12", '"9" is not a time of day in "Mo 9-12"'],
  ])("%s is refused: %s", (text, message) => {
    expect(parseOpeningHours(`Sa 10:00-12:00|${text}`).errors.map((error) => ({ index: error.index, message: english(error.message) }))).toEqual([{ index: 1, message }]);
  });

  test("the same problems read in German", () => {
    expect(parseOpeningHours("Xy 09:00-12:00|Mo 12:00-09:00").errors.map((error) => german(error.message))).toEqual([
      "unbekannter Tag „Xy“ (möglich: Mo, Di, Mi, Do, Fr, Sa, So) in „Xy 09:00-12:00“",
      "schließt (09:00), bevor es öffnet (12:00) in „Mo 12:00-09:00“",
    ]);
  });

  test("HSDS byday lists are weekly days; days of the month are not", () => {
    expect(parseIcalByDay("TH,FR")).toEqual([4, 5]);
    expect(inEnglish(parseIcalByDay("2MO"))).toBe('"2MO" is a day of the month, not of the week');
  });
});

describe("language codes", () => {
  test.each([
    ["de", { code: "de" }],
    ["AR", { code: "ar" }],
    ["deu", { code: "de" }],
    ["prs", { code: "prs" }],
    ["ckb", { code: "ckb" }],
    ["apc", { code: "apc", warning: 'language code "apc" is not one the site can name; it is kept as it is' }],
    ["xx", { error: 'unknown language code "xx" (ISO 639-1 expected, like de, en, ar)' }],
    ["deutsch", { error: '"deutsch" is not an ISO 639-1 or 639-3 language code (like de, ar, prs)' }],
  ])("%s → %j", (raw, expected) => {
    const result = normalizeLanguageCode(raw);
    const text = "error" in result ? { error: english(result.error) } : result.warning ? { ...result, warning: english(result.warning) } : result;
    expect(text).toEqual(expected);
  });
});
