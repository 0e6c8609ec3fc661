/**
 * @module The week a briefing covers: Monday–Sunday in the owner's time zone, as local dates (for the
 * books, whose dates are plain) and as UTC instants (for the vault's timestamps and the log files).
 */
import { DataError } from "../governance/errors/data-error.js";
import { addDays, isPlainDate, weekdayIndex, type TimeZone } from "./time-zone.js";

export interface BriefingWeek {
  /** Monday, `YYYY-MM-DD`. */
  start: string;
  /** Sunday, `YYYY-MM-DD`. */
  end: string;
  /** Local midnight starting Monday. */
  startInstant: Date;
  /** Local midnight ending Sunday (exclusive). */
  endInstant: Date;
  /** The Monday after the week: the briefing's date and file name. */
  briefingDate: string;
  timezone: string;
}

export function weekContaining(date: string, zone: TimeZone): BriefingWeek {
  if (!isPlainDate(date)) throw new DataError(`"${date}" is not a date: give the week as YYYY-MM-DD`);
  const start = addDays(date, -weekdayIndex(date));
  const briefingDate = addDays(start, 7);
  return {
    start,
    end: addDays(start, 6),
    startInstant: zone.startOfDay(start),
    endInstant: zone.startOfDay(briefingDate),
    briefingDate,
    timezone: zone.name,
  };
}

/**
 * The week a briefing is for. A plain date or an instant picks the week containing it; without one, the
 * week that just ended — the current week when it is Sunday (the scheduled run is Sunday 23:00), else the
 * one before.
 */
export function briefingWeek(week: string | Date | undefined, now: Date, zone: TimeZone): BriefingWeek {
  if (typeof week === "string") return weekContaining(week.trim(), zone);
  if (week instanceof Date) return weekContaining(zone.localDate(week), zone);
  const today = zone.localDate(now);
  const sunday = weekdayIndex(today) === 6 ? today : addDays(today, -weekdayIndex(today) - 1);
  return weekContaining(sunday, zone);
}
