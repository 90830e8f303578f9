/**
 * Customer segments: profiles built order by order, RFM, seed and delivery-behaviour segments
 * (each membership with its rule and evidence), living segment memberships and summaries.
 */
export {
  type ApplyResult,
  type CustomerProfile,
  type GapStats,
  type ProfileMetrics,
  type ProfileOptions,
  DAY_MS,
  EARLY_MONTH_LAST_DAY,
  SHIPPING_SPEEDS,
  daysSinceFirstOrder,
  daysSinceLastOrder,
  gapStats,
  profileMetrics,
} from "./customer-profile";
export {
  type BookApplyOutcome,
  type ProfileBook,
  activeProfiles,
  addOrderToBook,
  appliedVersion,
  applyOrder,
  applyOrderToBook,
  buildProfiles,
  createProfile,
  createProfileBook,
} from "./profile-book";
export {
  type RfmOptions,
  type RfmRow,
  type RfmSegment,
  type RfmSegmentRule,
  type RfmTable,
  RFM_SEGMENTS,
  RFM_SEGMENT_RULES,
  rfmMemberships,
  rfmRow,
  rfmSegmentCounts,
  rfmSegmentOf,
  scoreCustomerRfm,
  scoreRfm,
} from "./rfm";
export {
  type SeedSegment,
  type SeedSegmentConfig,
  type SeedSegmentContext,
  type SeedSegmentOptions,
  type SeedSegmentResult,
  SEED_SEGMENTS,
  SEED_SEGMENT_CONFIG,
  SEED_SEGMENT_LABELS,
  assignSeedSegments,
  seedSegmentContext,
  seedSegmentsFor,
} from "./seed-segments";
export {
  type AgreementSummary,
  type AgreementVerdict,
  type BehaviourSegment,
  type BehaviourSegmentConfig,
  type PreferenceAgreement,
  BEHAVIOUR_SEGMENTS,
  BEHAVIOUR_SEGMENT_CONFIG,
  BEHAVIOUR_SEGMENT_LABELS,
  behaviourRules,
  behaviourSegmentsFor,
  preferenceAgreement,
  preferenceAgreementSummary,
} from "./behaviour-segments";
export {
  type Classifier,
  type LiveSegments,
  type MembershipChange,
  applyOrderAndRefresh,
  createLiveSegments,
  refreshCustomer,
} from "./live-segments";
export { type MembershipBasis, type SegmentMembership } from "./membership";
export { type SegmentSummary, type SegmentSummaryOptions, type SegmentSummaryRow, summarizeSegments } from "./segment-summary";
