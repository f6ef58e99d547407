import { addDays, berlinDate, berlinWallTimeToUtc, utcToBerlinWallTime, weekdayOf } from "./berlin-time";

const iso = (value: string) => berlinWallTimeToUtc(value)?.toISOString() ?? null;

describe("Berlin wall-clock time", () => {
  test("a winter time is one hour ahead of UTC", () => {
    expect(iso("2026-11-12T17:00")).toBe("2026-11-12T16:00:00.000Z");
    expect(iso("2027-01-01T00:30")).toBe("2026-12-31T23:30:00.000Z");
  });

  test("a summer time is two hours ahead of UTC", () => {
    expect(iso("2026-07-15T10:00")).toBe("2026-07-15T08:00:00.000Z");
    expect(iso("2026-06-01T00:15")).toBe("2026-05-31T22:15:00.000Z");
  });

  test("the hours around the change to summer time (29 March 2026)", () => {
    expect(iso("2026-03-29T01:59")).toBe("2026-03-29T00:59:00.000Z");
    // 02:00–02:59 does not exist: the clocks jump from 02:00 to 03:00.
    expect(iso("2026-03-29T02:00")).toBeNull();
    expect(iso("2026-03-29T02:30")).toBeNull();
    expect(iso("2026-03-29T03:00")).toBe("2026-03-29T01:00:00.000Z");
  });

  test("the hour that happens twice at the change to winter time (25 October 2026) means the first one", () => {
    expect(iso("2026-10-25T01:59")).toBe("2026-10-24T23:59:00.000Z");
    expect(iso("2026-10-25T02:30")).toBe("2026-10-25T00:30:00.000Z");
    expect(iso("2026-10-25T03:00")).toBe("2026-10-25T02:00:00.000Z");
    // The second 02:30 (01:30 UTC) reads back as 02:30 as well.
    expect(utcToBerlinWallTime(new Date("2026-10-25T01:30:00Z"))).toBe("2026-10-25T02:30");
  });

  test("seconds are accepted; values that are no date and time are refused", () => {
    expect(iso("2026-11-12T17:00:00")).toBe("2026-11-12T16:00:00.000Z");
    for (const bad of ["", "2026-11-12", "12.11.2026 17:00", "2026-02-30T10:00", "2026-11-12T24:00", "2026-13-01T10:00", "2026-11-12T17:00Z"]) {
      expect(iso(bad), bad).toBeNull();
    }
  });

  test("an instant reads back as the wall-clock time it was made from, in every month", () => {
    for (let month = 1; month <= 12; month++) {
      const value = `2026-${String(month).padStart(2, "0")}-15T18:45`;
      expect(utcToBerlinWallTime(berlinWallTimeToUtc(value)!)).toBe(value);
    }
  });

  test("calendar days: the Berlin day of an instant, moving by days and weekdays", () => {
    // 23:30 UTC on 31 December is already New Year in Berlin.
    expect(berlinDate(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(addDays("2026-10-24", 2)).toBe("2026-10-26");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(weekdayOf("2026-11-04")).toBe(3);
  });
});
