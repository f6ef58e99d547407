import { formatOpeningExceptions, parseOpeningExceptions } from "./opening-exceptions";

describe("days that differ from the week", () => {
  test("reads closed days and other hours with notes, in German or ISO dates", () => {
    expect(parseOpeningExceptions("24.12.2026 geschlossen Heiligabend\n2026-12-31 09:00-12:00\n\n")).toEqual({
      exceptions: [
        { day: "2026-12-24", opens: null, closes: null, note: "Heiligabend" },
        { day: "2026-12-31", opens: "09:00", closes: "12:00", note: null },
      ],
      badLines: [],
    });
  });

  test("names the lines it cannot read: impossible dates, times backwards, no hours", () => {
    expect(parseOpeningExceptions("31.02.2026 geschlossen\n01.03.2026 12:00-09:00\n02.03.2026\nmorgen zu").badLines).toEqual([1, 2, 3, 4]);
  });

  test("writes them back as they are read", () => {
    const text = "24.12.2026 geschlossen Heiligabend\n31.12.2026 09:00-12:00";
    expect(formatOpeningExceptions(parseOpeningExceptions(text).exceptions)).toBe(text);
  });
});
