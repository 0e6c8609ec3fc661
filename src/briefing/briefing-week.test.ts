import { describe, expect, it } from "vitest";
import { briefingWeek, weekContaining } from "./briefing-week.js";
import { addDays, createTimeZone, daysBetween, weekdayIndex } from "./time-zone.js";

describe("the briefing's week", () => {
  const newYork = createTimeZone("America/New_York");

  it("runs Monday to Sunday in the owner's time zone, across a clock change", () => {
    const week = weekContaining("2026-03-05", newYork);
    expect(week).toMatchObject({ start: "2026-03-02", end: "2026-03-08", briefingDate: "2026-03-09" });
    // EST at the start, EDT at the end: the week is 167 hours long.
    expect(week.startInstant.toISOString()).toBe("2026-03-02T05:00:00.000Z");
    expect(week.endInstant.toISOString()).toBe("2026-03-09T04:00:00.000Z");
  });

  it("starts at local midnight east of UTC too", () => {
    const kolkata = weekContaining("2026-03-02", createTimeZone("Asia/Kolkata"));
    expect(kolkata.startInstant.toISOString()).toBe("2026-03-01T18:30:00.000Z");
    const auckland = weekContaining("2026-03-08", createTimeZone("Pacific/Auckland"));
    expect(auckland.startInstant.toISOString()).toBe("2026-03-01T11:00:00.000Z");
  });

  it("defaults to the week that just ended: this one on Sunday night, the last one on Monday", () => {
    // Sunday 23:00 in New York is Monday 03:00 UTC: still the week of March 2 where the owner lives.
    expect(briefingWeek(undefined, new Date("2026-03-09T03:00:00Z"), newYork).start).toBe("2026-03-02");
    expect(briefingWeek(undefined, new Date("2026-03-09T14:00:00Z"), newYork).start).toBe("2026-03-02");
    expect(briefingWeek(undefined, new Date("2026-03-15T14:00:00Z"), newYork).start).toBe("2026-03-09");
    expect(briefingWeek(undefined, new Date("2026-03-14T14:00:00Z"), newYork).start).toBe("2026-03-02");
  });

  it("takes any date or instant in the week", () => {
    expect(briefingWeek("2026-03-08", new Date(), newYork).start).toBe("2026-03-02");
    expect(briefingWeek(new Date("2026-03-09T03:59:00Z"), new Date(), newYork).start).toBe("2026-03-02");
    expect(briefingWeek(new Date("2026-03-09T04:00:00Z"), new Date(), newYork).start).toBe("2026-03-09");
  });

  it("refuses what is not a date or a time zone, saying how to fix it", () => {
    expect(() => briefingWeek("2026-02-30", new Date(), newYork)).toThrow(/YYYY-MM-DD/);
    expect(() => createTimeZone("Mars/Olympus")).toThrow(/AI_EMPLOYEE_TIMEZONE/);
  });

  it("does calendar arithmetic on plain dates", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(weekdayIndex("2026-03-08")).toBe(6);
    expect(daysBetween("2026-02-09", "2026-03-08")).toBe(27);
  });
});
