export { ANSWER_SOURCES, LASTING_QUESTIONS, type AnswerSource, type LastingAnswers, type LastingQuestion, type PreferenceProfile, type StatedAnswer } from "./types";
export { buildPreferenceProfiles, compareAnswers, isBlankProfile, mergeProfile, oneAnswerPerOrder } from "./profile";
export { answerConfidence, statedCoverage, type StatedCoverage } from "./coverage";
export { statedVerdict, statedVsObserved, type ObservedShipping, type StatedSpeedVsCost, type StatedVerdict, type StatedVsObserved, type StatedVsObservedRow } from "./agreement";
export { answersFromOrders } from "./from-orders";
