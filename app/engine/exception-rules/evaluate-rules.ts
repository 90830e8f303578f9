/**
 * Which branch of a rule an order takes, and how many past orders each branch would have
 * triggered. Pure and allocation-free per order: the counts run over the compact facts.
 */
import { CUSTOMER_CODE, KIND_BIT, type ExceptionFacts } from "./exception-facts";
import type { CustomerType, ExceptionRule, RuleAction, RuleBranch } from "./rule-schema";

const DAY_MS = 86_400_000;

/** The facts of one order, as the rules see them. */
export interface OrderFacts {
  customer: Exclude<CustomerType, "any">;
  priorSpend: number;
  orderValue: number;
  /** null when not judged late. */
  daysLate: number | null;
}

const CUSTOMER_OF_CODE = ["guest", "first_order", "returning"] as const;
const CODE_OF_CUSTOMER: Record<CustomerType, number> = { any: -1, ...CUSTOMER_CODE };

export function branchMatches(b: RuleBranch, o: OrderFacts): boolean {
  if (b.customer !== "any" && b.customer !== o.customer) return false;
  if (b.minPriorSpend !== null && !(o.priorSpend >= b.minPriorSpend)) return false;
  if (b.minOrderValue !== null && !(o.orderValue >= b.minOrderValue)) return false;
  if (b.minDaysLate !== null && !(o.daysLate !== null && o.daysLate >= b.minDaysLate)) return false;
  return true;
}

/** Index of the first matching branch, or -1 for the fallback. */
export function chooseBranch(rule: ExceptionRule, o: OrderFacts): number {
  return rule.definition.branches.findIndex((b) => branchMatches(b, o));
}

export function chooseAction(rule: ExceptionRule, o: OrderFacts): RuleAction {
  const i = chooseBranch(rule, o);
  return i < 0 ? rule.definition.otherwise : rule.definition.branches[i].action;
}

export function factsAt(f: ExceptionFacts, r: number): OrderFacts {
  const late = f.daysLate[r];
  return {
    customer: CUSTOMER_OF_CODE[f.customer[r]],
    priorSpend: f.priorSpend[r],
    orderValue: f.orderValue[r],
    daysLate: Number.isNaN(late) ? null : late,
  };
}

export interface OutcomeCount {
  /** Orders that took this path. */
  orders: number;
  /** Of them, placed in the last 365 days before asOf. */
  lastYear: number;
  /** Store credit this path would have given (0 for other actions). */
  credit: number;
}

export interface RuleCounts {
  exception: ExceptionRule["exception"];
  /** Past orders with this exception. */
  orders: number;
  lastYear: number;
  branches: OutcomeCount[];
  otherwise: OutcomeCount;
  /** Orders per month over the history the facts cover, all paths together. */
  perMonth: number | null;
}

const creditOf = (a: RuleAction) => (a.type === "store_credit" ? (a.creditAmount ?? 0) : 0);

export function countRuleTriggers(rule: ExceptionRule, f: ExceptionFacts, historyDays: number | null): RuleCounts {
  const bit = KIND_BIT[rule.exception];
  const branches = rule.definition.branches;
  const nb = branches.length;
  // Branch conditions in typed arrays (a missing bound is −∞), so the loop is monomorphic and allocation-free.
  const cust = Int8Array.from(branches, (b) => CODE_OF_CUSTOMER[b.customer]);
  const spend = Float64Array.from(branches, (b) => b.minPriorSpend ?? -Infinity);
  const value = Float64Array.from(branches, (b) => b.minOrderValue ?? -Infinity);
  const hasLate = Uint8Array.from(branches, (b) => (b.minDaysLate === null ? 0 : 1));
  const late = Float64Array.from(branches, (b) => b.minDaysLate ?? 0);
  const orders = new Float64Array(nb + 1);
  const lastYear = new Float64Array(nb + 1);
  const yearStart = f.asOf - 365 * DAY_MS;
  const { kinds, customer, priorSpend, orderValue, daysLate, placedAt } = f;
  let total = 0;
  let totalYear = 0;
  for (let r = 0; r < f.size; r++) {
    if ((kinds[r] & bit) === 0) continue;
    const cr = customer[r];
    const sr = priorSpend[r];
    const vr = orderValue[r];
    const lr = daysLate[r];
    let chosen = nb;
    for (let b = 0; b < nb; b++) {
      if (cust[b] >= 0 && cust[b] !== cr) continue;
      if (!(sr >= spend[b]) || !(vr >= value[b])) continue;
      if (hasLate[b] === 1 && !(lr >= late[b])) continue; // NaN (not late) fails
      chosen = b;
      break;
    }
    orders[chosen]++;
    total++;
    if (placedAt[r] > yearStart) {
      lastYear[chosen]++;
      totalYear++;
    }
  }
  const outcome = (i: number, a: RuleAction): OutcomeCount => ({ orders: orders[i], lastYear: lastYear[i], credit: orders[i] * creditOf(a) });
  return {
    exception: rule.exception,
    orders: total,
    lastYear: totalYear,
    branches: branches.map((b, i) => outcome(i, b.action)),
    otherwise: outcome(nb, rule.definition.otherwise),
    perMonth: historyDays !== null && historyDays >= 28 ? total / (historyDays / 30.4375) : null,
  };
}

/** Spend before the order at the given quantile of returning customers' exception orders (a VIP threshold suggestion). */
export function priorSpendQuantile(f: ExceptionFacts, q: number): number | null {
  const xs: number[] = [];
  for (let r = 0; r < f.size; r++) if (f.customer[r] === CUSTOMER_CODE.returning) xs.push(f.priorSpend[r]);
  if (xs.length < 20) return null;
  xs.sort((a, b) => a - b);
  return xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];
}
