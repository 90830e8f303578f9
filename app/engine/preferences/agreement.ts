/**
 * Stated vs observed: does what a customer said about speed and cost match the shipping they
 * buy? Reads the merged profile (so customer-account answers count too) against the customer's
 * shipped orders, with the same thresholds as the behaviour segments, so "agrees" means the
 * customer would land in the segment their answer names.
 */
import { BEHAVIOUR_SEGMENT_CONFIG } from "../segments/behaviour-segments";
import type { Confidence } from "../types";
import { answerConfidence } from "./coverage";
import type { PreferenceProfile } from "./types";

/** What the customer did; the segments' CustomerProfile has these fields. */
export interface ObservedShipping {
  customerId: string;
  shippedOrders: number;
  expressOrders: number;
  economyOrFreeOrders: number;
}

export type StatedVerdict = "agrees" | "disagrees" | "not_enough_orders";
export type StatedSpeedVsCost = "speed" | "cost" | "balanced";

export function statedVerdict(
  stated: StatedSpeedVsCost,
  observed: Omit<ObservedShipping, "customerId">,
  config = BEHAVIOUR_SEGMENT_CONFIG.preferenceAgreement,
): StatedVerdict {
  const shipped = observed.shippedOrders;
  if (shipped < Math.max(1, config.minShippedOrders)) return "not_enough_orders";
  const express = observed.expressOrders / shipped >= config.minShare;
  const economy = observed.economyOrFreeOrders / shipped >= config.minShare;
  const agrees = stated === "speed" ? express : stated === "cost" ? economy : !express && !economy;
  return agrees ? "agrees" : "disagrees";
}

export interface StatedVsObservedRow {
  stated: number;
  agrees: number;
  disagrees: number;
  notEnoughOrders: number;
  /** agrees / (agrees + disagrees); null when nothing to compare. */
  agreementRate: number | null;
  confidence: Confidence;
}

export type StatedVsObserved = Record<StatedSpeedVsCost, StatedVsObservedRow>;

export function statedVsObserved(
  profiles: ReadonlyMap<string, PreferenceProfile>,
  observed: Iterable<ObservedShipping>,
): StatedVsObserved {
  const empty = (): StatedVsObservedRow => ({ stated: 0, agrees: 0, disagrees: 0, notEnoughOrders: 0, agreementRate: null, confidence: "insufficient" });
  const out: StatedVsObserved = { speed: empty(), cost: empty(), balanced: empty() };
  const seen = new Set<string>();
  for (const o of observed) {
    const stated = profiles.get(o.customerId)?.speedVsCost ?? null;
    if (stated === null || seen.has(o.customerId)) continue;
    seen.add(o.customerId);
    const row = out[stated];
    row.stated++;
    const v = statedVerdict(stated, o);
    if (v === "agrees") row.agrees++;
    else if (v === "disagrees") row.disagrees++;
    else row.notEnoughOrders++;
  }
  for (const row of Object.values(out)) {
    const compared = row.agrees + row.disagrees;
    row.agreementRate = compared > 0 ? row.agrees / compared : null;
    row.confidence = answerConfidence(compared);
  }
  return out;
}
