/**
 * The one-experiment-per-customer guard. Two experiments that run at the same time on
 * customers who could be in both confound each other (a reorder could be caused by either
 * treatment), so a draft may start only when no running experiment's audience intersects its
 * own; and an assignment check finds customers who nevertheless ended up in two experiments
 * with overlapping runs (e.g. assigned by an older version of the app).
 */
import type { EpochMs } from "../types";
import type { Audience, ExperimentStatus } from "./definition";

export interface ExperimentRun {
  id: string;
  name: string;
  status: ExperimentStatus;
  audience: Audience;
  startedAt: EpochMs | null;
  stoppedAt: EpochMs | null;
}

/** Two constraints on one field can both hold unless each constrains it and they share no value. */
function fieldsIntersect(a: readonly string[] | undefined, b: readonly string[] | undefined, same: (x: string, y: string) => boolean): boolean {
  if (!a?.length || !b?.length) return true;
  return a.some((x) => b.some((y) => same(x, y)));
}

const regionsIntersect = (x: string, y: string) => x === y || x.startsWith(`${y}-`) || y.startsWith(`${x}-`);

export function audiencesOverlap(a: Audience, b: Audience): boolean {
  return fieldsIntersect(a.shippingSpeeds, b.shippingSpeeds, (x, y) => x === y) && fieldsIntersect(a.regions, b.regions, regionsIntersect);
}

/** Running experiments that would share customers with `candidate` if it started now. */
export function startConflicts(candidate: { id: string; audience: Audience }, experiments: readonly ExperimentRun[]): ExperimentRun[] {
  return experiments.filter((e) => e.id !== candidate.id && e.status === "running" && audiencesOverlap(candidate.audience, e.audience));
}

function runsOverlap(a: ExperimentRun, b: ExperimentRun): boolean {
  if (a.startedAt === null || b.startedAt === null) return false;
  const aEnd = a.stoppedAt ?? Infinity;
  const bEnd = b.stoppedAt ?? Infinity;
  return a.startedAt < bEnd && b.startedAt < aEnd;
}

export interface CustomerConflict {
  customerId: string;
  experimentIds: [string, string];
}

/** Customers assigned to two experiments whose runs overlapped in time. */
export function assignmentConflicts(
  assignments: Iterable<{ experimentId: string; customerId: string }>,
  experiments: readonly ExperimentRun[],
): CustomerConflict[] {
  const byId = new Map(experiments.map((e) => [e.id, e]));
  const seen = new Map<string, Set<string>>();
  for (const a of assignments) {
    const set = seen.get(a.customerId) ?? new Set<string>();
    set.add(a.experimentId);
    seen.set(a.customerId, set);
  }
  const out: CustomerConflict[] = [];
  for (const [customerId, ids] of seen) {
    const list = [...ids].sort();
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const a = byId.get(list[i]);
        const b = byId.get(list[j]);
        if (a && b && runsOverlap(a, b)) out.push({ customerId, experimentIds: [list[i], list[j]] });
      }
  }
  return out;
}
