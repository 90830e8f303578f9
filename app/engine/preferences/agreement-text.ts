/**
 * Stated vs observed in one plain sentence for the plan: of the customers who gave an answer and
 * have shipped orders to compare, how many buy the way they said. Says how sure the figure is.
 */
import { formatPercent } from "../analyze/format";
import { answerConfidence } from "./coverage";
import type { StatedSpeedVsCost } from "./agreement";

const BEHAVIOUR: Record<StatedSpeedVsCost, string> = {
  speed: "mostly chose Express",
  cost: "mostly chose economy or free shipping",
  balanced: "mixed faster and cheaper shipping",
};

const SURENESS = { high: "", medium: " (medium confidence)", low: " (low confidence: few answers)", insufficient: " (too few answers to rely on)" } as const;

export function agreementSentence(stated: StatedSpeedVsCost, row: { agrees: number; disagrees: number; agreementRate: number | null }): string | null {
  const compared = row.agrees + row.disagrees;
  if (compared === 0 || row.agreementRate === null) return null;
  return `Of ${compared} of them with shipped orders to compare, ${formatPercent(row.agreementRate, 0)} ${BEHAVIOUR[stated]}${SURENESS[answerConfidence(compared)]}.`;
}
