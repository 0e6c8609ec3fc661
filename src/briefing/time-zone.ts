/**
 * @module Local dates in a configured IANA time zone, without a date library: the week of a briefing is
 * Monday–Sunday where the owner lives, while the vault's timestamps and log files are UTC. Plain dates are
 * `YYYY-MM-DD` strings; arithmetic on them is done at UTC noon so no offset can move a day.
 */
import { DataError } from "../governance/errors/data-error.js";

export interface TimeZone {
  readonly name: string;
  /** The local calendar date of an instant, `YYYY-MM-DD`. */
  localDate(instant: Date): string;
  /** The local `HH:MM` of an instant. */
  localTime(instant: Date): string;
  /** The first instant of a local calendar day (local midnight, or the first instant after a DST gap). */
  startOfDay(date: string): Date;
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function createTimeZone(name: string): TimeZone {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
  } catch (error) {
    throw new DataError(
      `"${name}" is not a time zone: set AI_EMPLOYEE_TIMEZONE to an IANA name such as Europe/Berlin`,
      { cause: error },
    );
  }

  function parts(instant: Date): Record<string, number> {
    const fields: Record<string, number> = {};
    for (const part of format.formatToParts(instant)) {
      if (part.type !== "literal") fields[part.type] = Number(part.value);
    }
    return fields;
  }

  /** Minutes the zone is ahead of UTC at `instant`. */
  function offsetMinutes(instant: number): number {
    const field = parts(new Date(instant));
    const asUtc = Date.UTC(field.year!, field.month! - 1, field.day, field.hour, field.minute, field.second);
    return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
  }

  return {
    name,
    localDate(instant) {
      const field = parts(instant);
      return `${field.year}-${pad(field.month!)}-${pad(field.day!)}`;
    },
    localTime(instant) {
      const field = parts(instant);
      return `${pad(field.hour!)}:${pad(field.minute!)}`;
    },
    startOfDay(date) {
      const midnightUtc = plainDateToUtc(date, 0);
      const first = midnightUtc - offsetMinutes(midnightUtc) * 60_000;
      const second = midnightUtc - offsetMinutes(first) * 60_000;
      return new Date(Math.min(first, second));
    },
  };
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

function plainDateToUtc(date: string, hour: number): number {
  const match = PLAIN_DATE.exec(date);
  if (!match) throw new DataError(`"${date}" is not a date: write it as YYYY-MM-DD`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), hour);
}

export function isPlainDate(value: string): boolean {
  const match = PLAIN_DATE.exec(value);
  if (!match) return false;
  return new Date(plainDateToUtc(value, 12)).toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  return new Date(plainDateToUtc(date, 12) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: string): number {
  return (new Date(plainDateToUtc(date, 12)).getUTCDay() + 6) % 7;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((plainDateToUtc(to, 12) - plainDateToUtc(from, 12)) / 86_400_000);
}

export function daysInMonth(date: string): number {
  const [year, month] = date.split("-").map(Number);
  return new Date(Date.UTC(year!, month, 0)).getUTCDate();
}
