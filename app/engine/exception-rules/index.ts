/** Public API of the exception rules: schema, compact facts, evaluation. */
export * from "./rule-schema";
export { buildExceptionFacts, exceptionFactsFromTables, packExceptionFacts, unpackExceptionFacts, KIND_BIT, type ExceptionFacts } from "./exception-facts";
export { branchMatches, chooseAction, chooseBranch, countRuleTriggers, factsAt, priorSpendQuantile, type OrderFacts, type OutcomeCount, type RuleCounts } from "./evaluate-rules";
