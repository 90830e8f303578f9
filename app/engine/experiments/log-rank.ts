/**
 * Log-rank test (Mantel–Cox) comparing time-to-event curves of k groups with right censoring:
 * customers who have not reordered yet count as at risk until they were last seen. At each
 * event time the observed events of each group are compared with those expected if all groups
 * shared one hazard; the statistic (O − E)ᵀ V⁻¹ (O − E) over k − 1 groups is χ²(k − 1).
 * Ties: events at a time come before censorings at that time, as in kaplanMeier.
 */
import { chiSquareSurvival } from "./chi-square";

export interface SurvivalGroup {
  /** Times of the event (e.g. days to the second order). */
  events: ArrayLike<number>;
  /** Times subjects were last seen without the event. */
  censored: ArrayLike<number>;
}

export interface LogRankResult {
  observed: number[];
  expected: number[];
  chiSquare: number;
  df: number;
  pValue: number;
  /** For two groups: (O₁ − E₁)/√V₁₁, positive when the first group has more events than expected. */
  z: number | null;
}

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    if (Math.abs(m[p][c]) < 1e-12) return null;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

export function logRankTest(groups: readonly SurvivalGroup[]): LogRankResult {
  const k = groups.length;
  if (k < 2) throw new RangeError("logRankTest: at least two groups");
  // One record per subject: time, group, event (1) or censored (0).
  const count = groups.reduce((s, g) => s + g.events.length + g.censored.length, 0);
  const time = new Float64Array(count);
  const group = new Int32Array(count);
  const event = new Uint8Array(count);
  let i = 0;
  const atRisk = new Float64Array(k);
  groups.forEach((g, j) => {
    const add = (t: number, isEvent: number) => {
      if (!Number.isFinite(t)) return;
      time[i] = t;
      group[i] = j;
      event[i++] = isEvent;
    };
    for (let e = 0; e < g.events.length; e++) add(g.events[e], 1);
    for (let c = 0; c < g.censored.length; c++) add(g.censored[c], 0);
  });
  const n = i;
  const order = Array.from({ length: n }, (_, x) => x).sort((a, b) => time[a] - time[b]);
  for (let x = 0; x < n; x++) atRisk[group[x]]++;

  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const v = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const d = new Float64Array(k);
  const leaving = new Float64Array(k);
  for (let s = 0; s < n; ) {
    const t = time[order[s]];
    d.fill(0);
    leaving.fill(0);
    while (s < n && time[order[s]] === t) {
      const x = order[s++];
      if (event[x]) d[group[x]]++;
      leaving[group[x]]++;
    }
    let nt = 0;
    let dt = 0;
    for (let j = 0; j < k; j++) {
      nt += atRisk[j];
      dt += d[j];
    }
    if (dt > 0) {
      const f = nt > 1 ? (dt * (nt - dt)) / (nt * nt * (nt - 1)) : 0;
      for (let j = 0; j < k; j++) {
        observed[j] += d[j];
        expected[j] += (dt * atRisk[j]) / nt;
        for (let l = 0; l < k; l++) v[j][l] += f * atRisk[j] * ((j === l ? nt : 0) - atRisk[l]);
      }
    }
    for (let j = 0; j < k; j++) atRisk[j] -= leaving[j];
  }
  const diff = observed.slice(0, k - 1).map((o, j) => o - expected[j]);
  const sub = v.slice(0, k - 1).map((row) => row.slice(0, k - 1));
  const x = solve(sub, diff);
  const chiSquare = x === null ? 0 : diff.reduce((s, dj, j) => s + dj * x[j], 0);
  const z = k === 2 && v[0][0] > 0 ? diff[0] / Math.sqrt(v[0][0]) : null;
  return { observed, expected, chiSquare, df: k - 1, pValue: x === null ? 1 : chiSquareSurvival(chiSquare, k - 1), z };
}
