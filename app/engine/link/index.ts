/** The delivery → lifetime value link. */
export { linkDeliveryToRepeat, type LinkOptions, type DeliveryLtvLink, type ExperienceGroup, type WindowComparison, type AdjustedDifference } from "./delivery-ltv-link";
export { EXPERIENCES, type Experience, UNKNOWN_REASONS, type UnknownReason } from "./first-delivery-experience";
export { linkSentence, formatCount, formatPoints } from "./summary-sentence";
