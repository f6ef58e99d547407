import { fullOpenHours, hourOfWeek } from "./open-hours";

describe("hours of the week a place is open throughout", () => {
  test("only whole hours inside an opening time count", () => {
    // Monday 08:30–12:00: 9, 10 and 11 are whole; 8 is only partly open.
    expect(fullOpenHours([{ weekday: 1, opens: "08:30", closes: "12:00" }])).toEqual([9, 10, 11]);
  });

  test("several intervals and days, counted once and in order", () => {
    const hours = fullOpenHours([
      { weekday: 3, opens: "13:00", closes: "15:15" },
      { weekday: 3, opens: "09:00", closes: "10:00" },
      { weekday: 7, opens: "22:00", closes: "24:00" },
    ]);
    expect(hours).toEqual([hourOfWeek(3, 9), hourOfWeek(3, 13), hourOfWeek(3, 14), hourOfWeek(7, 22), hourOfWeek(7, 23)]);
  });

  test("an interval shorter than an hour gives none", () => {
    expect(fullOpenHours([{ weekday: 2, opens: "10:10", closes: "10:50" }])).toEqual([]);
  });
});
