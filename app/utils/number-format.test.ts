import { formatKilometres, formatNumber } from "./number-format";

describe("numbers in the page's language", () => {
  test("German writes a decimal comma and a thousands dot", () => {
    expect(formatKilometres("de", 0.1)).toBe("0,1");
    expect(formatNumber("de", 12345)).toBe("12.345");
  });

  test("English keeps the decimal point", () => {
    expect(formatKilometres("en", 0.1)).toBe("0.1");
  });

  test("Ukrainian groups thousands with a space, Farsi writes its own digits", () => {
    expect(formatNumber("uk", 12345).replace(/\s/g, " ")).toBe("12 345");
    expect(formatKilometres("fa", 2.5)).toBe("۲٫۵");
  });

  test("a distance keeps at most one decimal", () => {
    expect(formatKilometres("de", 3)).toBe("3");
    expect(formatKilometres("de", 12.46)).toBe("12,5");
  });
});
