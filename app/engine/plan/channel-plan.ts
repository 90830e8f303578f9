/**
 * The channel unification plan: the delivery experience and loyalty per sales channel, side
 * by side, with the differences that matter flagged; channels the merchant sells through
 * outside Shopify are listed as unknown until their orders are connected.
 */
import type { StoreAnalysis } from "../analyze/analyze-store";
import { known, planFigure, unknownFigure } from "./plan-figure";
import type { ChannelPlanRow, PlanAnswers } from "./types";

export function channelPlan(analysis: StoreAnalysis, answers: PlanAnswers): { rows: ChannelPlanRow[]; notes: string[] } {
  const rows: ChannelPlanRow[] = analysis.channels.channels.map((c) => {
    const shipped = c.shippingOrders > 0;
    const noShipping = "not a shipping channel (pickup, point of sale or digital)";
    return {
      channel: c.channel,
      inShopify: true,
      orders: known(c.orders, "count", "data", "high"),
      processingHours:
        c.processingHoursMedian === null
          ? unknownFigure("hours", shipped ? "no fulfillment times recorded" : noShipping)
          : known(c.processingHoursMedian, "hours", "data", c.processingOrders >= 300 ? "high" : c.processingOrders >= 100 ? "medium" : c.processingOrders >= 30 ? "low" : "insufficient"),
      onTimeRate: c.onTimeRate ? planFigure(c.onTimeRate, "share", "orders with a delivery promise and a delivery date") : unknownFigure("share", noShipping),
      exceptionRate: c.exceptionRate ? planFigure(c.exceptionRate, "share", "shipped orders") : unknownFigure("share", noShipping),
      repeatRate: planFigure(c.repeatRate, "share", "customers acquired through this channel"),
      flags: c.flags,
    };
  });
  for (const name of answers.channelsOutsideShopify ?? []) {
    const why = `${name} isn't in your Shopify orders: connect or import its orders`;
    rows.push({
      channel: name,
      inShopify: false,
      orders: unknownFigure("count", why, "merchant answer"),
      processingHours: unknownFigure("hours", why, "merchant answer"),
      onTimeRate: unknownFigure("share", why, "merchant answer"),
      exceptionRate: unknownFigure("share", why, "merchant answer"),
      repeatRate: unknownFigure("share", why, "merchant answer"),
      flags: [],
    });
  }
  const notes: string[] = [];
  for (const r of rows) {
    const worse = r.flags.filter((f) => f.worse).map((f) => f.message);
    const better = r.flags.filter((f) => !f.worse).map((f) => f.message);
    if (worse.length > 0) notes.push(`${r.channel}: ${worse.join(" ")} Bring its fulfilment, carriers and messages in line with the rest of the store.`);
    if (better.length > 0) notes.push(`${r.channel}: ${better.join(" ")} Find out what it does differently and copy it.`);
  }
  if (rows.every((r) => r.flags.length === 0) && rows.length > 1) notes.push("No channel differs from the rest of the store by enough to be sure it isn't chance: keep one fulfilment and messaging standard across channels.");
  if ((answers.channelsOutsideShopify ?? []).length > 0) notes.push("Channels outside Shopify can't be compared until their orders are connected; their customers' repeat purchases are invisible here.");
  return { rows, notes };
}
