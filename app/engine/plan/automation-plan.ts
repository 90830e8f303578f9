/**
 * The automation plan: each delivery exception the store sees, how often (from its data), the
 * trigger and the automated response, and the support load it takes off. Tickets saved are
 * only stated when the merchant told us their tickets and why customers write: the tickets of
 * a reason are shared among the exceptions that cause them in proportion to their volume (an
 * upper bound: what proactive handling could at most prevent). Hours need minutes per ticket.
 */
import type { Confidence } from "../types";
import type { StoreAnalysis } from "../analyze/analyze-store";
import type { VolumeKind } from "../analyze/monthly-volumes";
import { known, unknownFigure } from "./plan-figure";
import type { AutomationRow, PlanAnswers, PlanFigure, TicketReason } from "./types";

interface ExceptionType {
  kind: VolumeKind | null;
  exception: string;
  trigger: string;
  action: string;
  reasons: TicketReason[];
  /** Carrier-event based: only visible with carrier scans. */
  needsEvents: boolean;
}

export const EXCEPTION_TYPES: readonly ExceptionType[] = [
  {
    kind: "late",
    exception: "Delivery running late",
    trigger: "The carrier's estimate moves past the promised date, or the promised date passes without a delivery scan.",
    action: "Send a delay notice with the new date and an apology before the customer asks; add a small credit for first-time and VIP customers; tag the order for support.",
    reasons: ["late_delivery", "where_is_my_order"],
    needsEvents: false,
  },
  {
    kind: "carrierDelay",
    exception: "Carrier delay notice",
    trigger: "The carrier posts a DELAYED event.",
    action: "Tell the customer right away: what happened, the new estimate, nothing they need to do.",
    reasons: ["late_delivery", "where_is_my_order"],
    needsEvents: true,
  },
  {
    kind: "missedAttempt",
    exception: "Missed delivery attempt",
    trigger: "The carrier posts an ATTEMPTED_DELIVERY event.",
    action: "Same-day message with the carrier's rescheduling link and the nearest pickup point.",
    reasons: ["failed_delivery", "where_is_my_order"],
    needsEvents: true,
  },
  {
    kind: "failedDelivery",
    exception: "Failed delivery",
    trigger: "The carrier posts a FAILURE event.",
    action: "Open a replacement case automatically and offer the customer reship, refund or pickup in one click.",
    reasons: ["failed_delivery", "lost_package"],
    needsEvents: true,
  },
  {
    kind: "readyForPickup",
    exception: "Waiting at a pickup point",
    trigger: "READY_FOR_PICKUP with no delivery scan after 3 days.",
    action: "Reminder with the pickup address, opening hours and the return-to-sender date.",
    reasons: ["where_is_my_order"],
    needsEvents: true,
  },
  {
    kind: "noTracking",
    exception: "Shipped without tracking",
    trigger: "A fulfillment is created without a tracking number.",
    action: "Alert the team to add tracking; send the customer the expected delivery date meanwhile.",
    reasons: ["where_is_my_order"],
    needsEvents: false,
  },
  {
    kind: "returns",
    exception: "Return started",
    trigger: "A return is requested.",
    action: "Send the prepaid label at once and offer an exchange or store credit first; ask the reason in one tap.",
    reasons: ["returns"],
    needsEvents: false,
  },
  {
    kind: null,
    exception: "Damaged on arrival",
    trigger: "A customer reports damage (support form or return reason).",
    action: "Photo upload form, automatic replacement under a set value, and a packaging review flag.",
    reasons: ["damaged"],
    needsEvents: false,
  },
];

function volumeConfidence(months: number, eventCoverage: number | null, needsEvents: boolean): Confidence {
  let c: Confidence = months >= 6 ? "high" : months >= 1 ? "medium" : "low";
  if (needsEvents && eventCoverage !== null && eventCoverage < 0.5) c = "low";
  return c;
}

export function automationPlan(analysis: StoreAnalysis, answers: PlanAnswers): { rows: AutomationRow[]; notes: string[] } {
  const v = analysis.volumes;
  const coverage = analysis.journey.overall.carrierEventCoverage;
  const notes: string[] = [];
  const tickets = answers.monthlySupportTickets;
  const minutes = answers.minutesPerTicket;
  const ticketsKnown = typeof tickets === "number" && Number.isFinite(tickets) && tickets >= 0;
  const minutesKnown = typeof minutes === "number" && Number.isFinite(minutes) && minutes > 0;
  const reasons = answers.topTicketReasons ?? [];
  const reasonShare = new Map<TicketReason, number | null>();
  for (const r of reasons) {
    const s = typeof r.share === "number" && Number.isFinite(r.share) && r.share >= 0 && r.share <= 1 ? r.share : null;
    const prev = reasonShare.get(r.reason);
    reasonShare.set(r.reason, prev === undefined ? s : prev === null || s === null ? null : prev + s);
  }
  const damagedListed = reasonShare.has("damaged");

  const types = EXCEPTION_TYPES.filter((t) => (t.kind === null ? damagedListed : t.kind !== "readyForPickup" || (v.totals.readyForPickup ?? 0) > 0));
  // Volume of each type per reason, to share a reason's tickets among its causes.
  const perMonth = (t: ExceptionType) => (t.kind === null ? null : v.perMonth[t.kind]);
  const reasonVolume = new Map<TicketReason, number>();
  for (const t of types) for (const r of t.reasons) reasonVolume.set(r, (reasonVolume.get(r) ?? 0) + (perMonth(t) ?? 0));

  const rows = types.map((t): AutomationRow => {
    const pm = perMonth(t);
    const monthlyVolume: PlanFigure =
      t.kind === null
        ? unknownFigure("count", "damage isn't recorded in Shopify orders: your monthly damage claims", "data", "month")
        : pm === null
          ? unknownFigure("count", "no shipments yet", "data", "month")
          : known(pm, "count", "data", volumeConfidence(v.months, coverage, t.needsEvents), {
              per: "month",
              notes: t.needsEvents && coverage !== null && coverage < 0.8 ? [`Only visible on the ${Math.round(coverage * 100)}% of shipments with carrier scans: the true volume is likely higher.`] : [],
            });

    let ticketsSaved: PlanFigure;
    if (!ticketsKnown) ticketsSaved = unknownFigure("count", "your monthly support tickets and their top reasons", "merchant answer", "month");
    else {
      const matching = t.reasons.filter((r) => reasonShare.has(r));
      if (matching.length === 0) ticketsSaved = unknownFigure("count", `how many tickets are about ${t.exception.toLowerCase()}`, "merchant answer", "month");
      else if (matching.some((r) => reasonShare.get(r) === null)) ticketsSaved = unknownFigure("count", `the share of your tickets about ${matching.join(" / ").replaceAll("_", " ")}`, "merchant answer", "month");
      else {
        let saved = 0;
        for (const r of matching) {
          const total = reasonVolume.get(r) ?? 0;
          const part = t.kind === null ? 1 : total > 0 ? (pm ?? 0) / total : 0;
          saved += (tickets as number) * (reasonShare.get(r) as number) * part;
        }
        ticketsSaved = known(saved, "count", "merchant answer", "low", {
          per: "month",
          notes: ["Up to: the tickets of these reasons, shared among their causes by volume; proactive messages will not prevent every one."],
        });
      }
    }
    const hoursSaved: PlanFigure =
      ticketsSaved.value === null
        ? unknownFigure("hours", ticketsKnown ? (ticketsSaved.unknown ?? "tickets saved") : "your monthly support tickets and minutes per ticket", "merchant answer", "month")
        : !minutesKnown
          ? unknownFigure("hours", "minutes your team spends per ticket", "merchant answer", "month")
          : known((ticketsSaved.value * (minutes as number)) / 60, "hours", "merchant answer", "low", { per: "month" });
    return { exception: t.exception, monthlyVolume, trigger: t.trigger, action: t.action, ticketsSaved, hoursSaved };
  });

  rows.sort((a, b) => (b.monthlyVolume.value ?? -1) - (a.monthlyVolume.value ?? -1));
  if (v.months > 0 && v.months < 12) notes.push(`Volumes average the ${v.months < 1 ? "less than one month" : `${Math.round(v.months)} months`} of history available.`);
  if (coverage !== null && coverage < 0.8) notes.push("Carrier events are missing on many shipments: connect carrier tracking so delay, failure and missed-attempt triggers can fire.");
  if (answers.routingDecisions) notes.push(`Today, routing and carrier decisions: ${answers.routingDecisions}`);
  if (answers.manualProcesses?.length) notes.push(`Manual today (candidates to automate): ${answers.manualProcesses.join(", ")}.`);
  if (answers.automatedProcesses?.length) notes.push(`Already automated: ${answers.automatedProcesses.join(", ")}.`);
  return { rows, notes };
}
