/**
 * Zero-party delivery answers as the engine sees them: one answer per capture (checkout, thank-you
 * page, customer account), merged into a per-customer preference profile. Gift choices belong to
 * one order and never enter the profile.
 */
import type { DeliveryPreferences, EpochMs } from "../types";

export const ANSWER_SOURCES = ["checkout", "thank_you", "customer_account"] as const;
export type AnswerSource = (typeof ANSWER_SOURCES)[number];

/** The questions that describe a lasting habit (carried from order to order). */
export const LASTING_QUESTIONS = ["speedVsCost", "deliveryWindow", "deliveryDays", "notifications"] as const;
export type LastingQuestion = (typeof LASTING_QUESTIONS)[number];
export type LastingAnswers = Pick<DeliveryPreferences, LastingQuestion>;

export interface StatedAnswer extends LastingAnswers {
  /** null for a guest order (kept for order coverage, never in a profile). */
  customerId: string | null;
  /** null for an answer given in the customer account. */
  orderId: string | null;
  source: AnswerSource;
  answeredAt: EpochMs;
  giftPackaging: boolean | null;
}

export interface PreferenceProfile extends LastingAnswers {
  customerId: string;
  /** Source and time of the latest answer that counted. */
  source: AnswerSource;
  answeredAt: EpochMs;
  /** Every answer that counted, oldest first (superseded same-order answers left out). */
  history: StatedAnswer[];
  /** Distinct orders that carried an answer. */
  answeredOrders: number;
}
