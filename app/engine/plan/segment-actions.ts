/**
 * The action package of each segment: what the segment values and the delivery-led actions
 * that serve it. These are recommendations (words, no numbers); the plan puts the store's own
 * figures next to them.
 */
import type { BehaviourSegment } from "../segments/behaviour-segments";
import type { SeedSegment } from "../segments/seed-segments";

export interface SegmentPlaybook {
  values: string;
  actions: string[];
}

export const BEHAVIOUR_PLAYBOOK: Record<BehaviourSegment, SegmentPlaybook> = {
  speed_focused: {
    values: "Getting it fast, and knowing exactly when it arrives.",
    actions: [
      "Show an exact delivery date at checkout and in every message.",
      "Pre-select Express for them; offer free Express upgrades as a loyalty reward.",
      "Send every tracking milestone (shipped, out for delivery, delivered).",
      "Route their orders through your most reliable on-time carrier.",
    ],
  },
  price_sensitive_shipping: {
    values: "Low or free shipping more than speed.",
    actions: [
      "Show how far they are from free shipping, in the cart and at checkout.",
      "Offer an economy option with an honest delivery window.",
      "Bundle suggestions that reach the free-shipping threshold.",
      "Key milestones only (shipped, delivered): fewer, clearer messages.",
    ],
  },
  gift_giver: {
    values: "Arriving before the occasion, and gift presentation.",
    actions: [
      "Publish order-by dates before holidays and birthdays they shopped for.",
      "Offer gift packaging and a gift note at checkout.",
      "Confirm delivery to the giver, not only the recipient.",
      "During peak season, warn of delays early and offer an upgrade to arrive in time.",
    ],
  },
  first_of_month: {
    values: "A predictable monthly rhythm (paydays, routine replenishment).",
    actions: [
      "Send a reminder a few days before the 1st.",
      "Offer a subscription or auto-replenish at their usual cadence.",
      "Protect early-month capacity so their orders ship the same day.",
    ],
  },
};

export const SEED_PLAYBOOK: Record<SeedSegment, SegmentPlaybook> = {
  new: {
    values: "A first delivery that keeps its promise.",
    actions: [
      "Watch every first order: proactive message at the first sign of delay.",
      "Ship first orders with your most reliable carrier.",
      "Time the second-order nudge to your store's typical time to second order.",
    ],
  },
  vip: {
    values: "Reliability and recognition.",
    actions: ["Priority fulfilment and the fastest on-time carrier.", "Free upgrades and early access.", "A personal apology and credit on any delivery exception."],
  },
  dormant: {
    values: "A reason to come back, and trust that delivery will go well.",
    actions: ["Win-back offer timed to their usual gap between orders.", "If their last delivery went wrong, acknowledge it in the win-back message.", "Highlight delivery improvements since their last order."],
  },
  price_sensitive: {
    values: "Deals and free shipping.",
    actions: ["Free-shipping thresholds instead of blanket discounts.", "Economy shipping as the default, with a clear window.", "Bundles that protect margin."],
  },
  return_risk: {
    values: "Getting the right item first time.",
    actions: ["Size and fit guidance before checkout.", "Exchange-first returns flow.", "Check delivery condition (damage) reports before blaming fit."],
  },
  margin_high: {
    values: "Products that earn well for you: protect their experience.",
    actions: ["Priority handling and the most reliable carrier.", "Cross-sell within high-margin lines.", "Replacement before refund on any exception."],
  },
  margin_low: {
    values: "Low-margin baskets: delivery cost matters most here.",
    actions: ["Steer to economy shipping and consolidated shipments.", "Minimum order value for free shipping.", "Suggest higher-margin add-ons."],
  },
  margin_unknown: {
    values: "Unknown margin: their profitability can't be judged yet.",
    actions: ["Add unit costs in Shopify for the products they buy."],
  },
};
