/**
 * What the data can and cannot support, in the merchant's words: each note names the gap,
 * the figures it weakens, and (where there is one) the fix.
 */
import type { JourneyAudit } from "../journey/audit";
import type { DeliveryLtvLink } from "../link/delivery-ltv-link";
import type { MarginBasis } from "./margin";
import type { OrderTotals } from "./order-totals";
import type { PreferenceCoverage } from "./segment-analysis";

export type DataQualityTopic = "orders" | "tracking" | "promises" | "delivery_dates" | "costs" | "customers" | "history" | "duplicates" | "preferences";

export interface DataQualityNote {
  topic: DataQualityTopic;
  /** "critical": a headline figure cannot be computed; "warning": figures are low confidence; "info": context. */
  severity: "critical" | "warning" | "info";
  message: string;
}

export interface DataQualityInputs {
  totals: OrderTotals;
  journey: JourneyAudit;
  link: DeliveryLtvLink;
  margin: MarginBasis;
  preferences: PreferenceCoverage;
  duplicatesRemoved: number;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Below this share of shipments with carrier scans, transit and exception figures are weak. */
export const LOW_EVENT_COVERAGE = 0.8;

export function dataQualityNotes(x: DataQualityInputs): DataQualityNote[] {
  const notes: DataQualityNote[] = [];
  const { totals, journey } = x;
  if (totals.orders === 0) {
    notes.push({ topic: "orders", severity: "critical", message: "No orders yet as of this date, so there is nothing to measure." });
    return notes;
  }

  const overall = journey.overall;
  if (journey.counts.included === 0) {
    notes.push({ topic: "orders", severity: "critical", message: "No shipped orders (only pickup, point of sale or digital), so delivery figures can't be measured." });
  } else {
    const coverage = overall.carrierEventCoverage;
    if (coverage !== null && coverage < LOW_EVENT_COVERAGE) {
      notes.push({
        topic: "tracking",
        severity: coverage < 0.5 ? "warning" : "info",
        message: `No carrier events on ${pct(1 - coverage)} of shipments: transit and exception figures are ${coverage < 0.5 ? "low" : "medium"} confidence. Connecting carrier tracking fills this in.`,
      });
    }
    const noTracking = overall.gaps.noTracking.value;
    if (noTracking !== null && noTracking >= 0.05) {
      notes.push({ topic: "tracking", severity: noTracking >= 0.3 ? "warning" : "info", message: `${pct(noTracking)} of shipments have no tracking number, so their delivery can't be followed.` });
    }
    const settled = overall.orders - overall.pending;
    if (settled > 0 && overall.onTime.noPromise / settled >= 0.2) {
      const share = overall.onTime.noPromise / settled;
      notes.push({
        topic: "promises",
        severity: share >= 0.5 ? "warning" : "info",
        message: `No delivery date was promised at checkout on ${pct(share)} of orders, so on-time and late rates rest on the other ${pct(1 - share)}. Showing delivery dates at checkout fixes this.`,
      });
    }
    if (settled > 0 && overall.onTime.noDeliveryData / settled >= 0.2) {
      notes.push({ topic: "delivery_dates", severity: "warning", message: `${pct(overall.onTime.noDeliveryData / settled)} of orders have no delivery date, so whether they arrived on time is unknown.` });
    }
  }

  notes.push({ topic: "costs", severity: x.margin.rate === null ? "warning" : x.margin.confidence === "high" ? "info" : "warning", message: x.margin.note });

  const guestShare = totals.guestOrders / totals.orders;
  if (guestShare >= 0.2) {
    notes.push({
      topic: "customers",
      severity: guestShare >= 0.5 ? "warning" : "info",
      message: `${pct(guestShare)} of orders are guest checkouts: their repeat purchases can't be followed, so repeat and lifetime figures cover only customers with accounts.`,
    });
  }
  if (x.link.counts.customers === 0) {
    notes.push({ topic: "customers", severity: "critical", message: "No orders from customers with accounts, so repeat purchases and lifetime value can't be measured." });
  }

  if (totals.historyDays < 365) {
    notes.push({
      topic: "history",
      severity: totals.historyDays < 90 ? "warning" : "info",
      message: `Only ${Math.floor(totals.historyDays)} days of orders: yearly figures are scaled up from that, and repeat rates over a year can't be measured yet.`,
    });
  }
  if (x.duplicatesRemoved > 0) {
    notes.push({ topic: "duplicates", severity: "info", message: `${x.duplicatesRemoved} duplicate order records were merged (the latest version of each order was kept).` });
  }
  const p = x.preferences;
  if (p.customerShare !== null) {
    notes.push({
      topic: "preferences",
      severity: "info",
      message:
        p.customersWithAnswers === 0
          ? "No customer has answered the delivery-preference questions yet, so segments rest on what customers did, not what they said."
          : `${pct(p.customerShare)} of customers told us their delivery preferences at checkout.`,
    });
  }
  return notes;
}
