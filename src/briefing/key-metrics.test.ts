import { describe, expect, it } from "vitest";
import { weekContaining } from "./briefing-week.js";
import type { DoneTask } from "./done-notes.js";
import { parseBound, readKeyMetrics, responseTargetHours } from "./key-metrics.js";
import { createTimeZone } from "./time-zone.js";

const WEEK = weekContaining("2026-03-04", createTimeZone("UTC"));

function timing(type: string, totalHours: number | undefined) {
  const task = { type } as DoneTask;
  return { task, stages: [], totalHours };
}

describe("the key metrics", () => {
  it("reads targets and thresholds as people write them", () => {
    expect(parseBound("under 24 hours")).toEqual({ direction: "under", value: 24 });
    expect(parseBound("over 2 days")).toEqual({ direction: "over", value: 48 });
    expect(parseBound("> 90%")).toEqual({ direction: "over", value: 90 });
    expect(parseBound("under 500 USD per month")).toEqual({ direction: "under", value: 500 });
    expect(parseBound("below $1.5k")).toEqual({ direction: "under", value: 1_500 });
    expect(parseBound("at most 30 minutes")).toEqual({ direction: "under", value: 0.5 });
    expect(parseBound("as soon as possible")).toBeUndefined();
    expect(
      responseTargetHours([{ metric: "Client response time", target: "under 2 days", alertThreshold: "" }]),
    ).toBe(48);
  });

  it("measures what code can and says what it cannot", () => {
    const readings = readKeyMetrics(
      [
        { metric: "Client response time", target: "under 24 hours", alertThreshold: "over 48 hours" },
        { metric: "Invoice payment rate", target: "over 90%", alertThreshold: "under 80%" },
        {
          metric: "Software costs",
          target: "under 500 USD per month",
          alertThreshold: "over 600 USD per month",
        },
        { metric: "Net promoter score", target: "over 50", alertThreshold: "under 30" },
      ],
      {
        timings: [
          timing("email", 10),
          timing("whatsapp_message", 30),
          timing("file_drop", 200),
          timing("email", 60),
        ],
        trend: [
          {
            start: "2026-02-23",
            end: "2026-03-01",
            currencies: [{ currency: "USD", invoiced: 1000, collected: 1000, invoiceCount: 1 }],
          },
          {
            start: "2026-03-02",
            end: "2026-03-08",
            currencies: [{ currency: "USD", invoiced: 1000, collected: 700, invoiceCount: 2 }],
          },
        ],
        vendorBills: [
          { id: "1", number: undefined, vendor: "Figma", amount: 450, currency: "USD", date: "2026-03-01" },
          { id: "2", number: undefined, vendor: "Slack", amount: 200, currency: "USD", date: "2026-02-10" },
          { id: "3", number: undefined, vendor: "Slack", amount: 200, currency: "USD", date: "2026-02-06" },
          { id: "4", number: undefined, vendor: "Miro", amount: 90, currency: "EUR", date: "2026-03-03" },
        ],
        currency: "USD",
        week: WEEK,
      },
    );
    expect(readings.map((reading) => [reading.actual, reading.status])).toEqual([
      ["30.0 h (median, messages done this week)", "off_target"],
      ["85% (collected of the last 8 weeks' invoices)", "off_target"],
      ["650 USD (bills, last 30 days)", "alert"],
      ["not measured by the briefing", "not_measured"],
    ]);
  });

  it("does not measure from figures the books could not give", () => {
    const [payment, costs] = readKeyMetrics(
      [
        { metric: "Invoice payment rate", target: "over 90%", alertThreshold: "" },
        { metric: "Software costs", target: "under 500 USD", alertThreshold: "" },
      ],
      {
        timings: [],
        trend: [{ start: "x", end: "y", currencies: undefined }],
        vendorBills: undefined,
        currency: "USD",
        week: WEEK,
      },
    );
    expect(payment).toMatchObject({ actual: "books not readable", status: "not_measured" });
    expect(costs).toMatchObject({ actual: "books not readable", status: "not_measured" });
  });
});
