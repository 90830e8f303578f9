import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { activeProfiles, buildProfiles } from "../engine/segments/profile-book";
import { rfmRow, scoreRfm } from "../engine/segments/rfm";
import { seedSegmentContext } from "../engine/segments/seed-segments";
import { order } from "../engine/testing/order-builder";
import { profileRow, rfmCuts, scoreWithCuts, scoringContext, seedContextAt, type StoredMembership } from "./customer-scoring";

const DAY = 86_400_000;
const asOf = Date.UTC(2026, 0, 1);

/** Customers with 1–6 orders of random value at random days in the last two years. */
const store = fc.array(
  fc.array(fc.record({ daysAgo: fc.integer({ min: 0, max: 730 }), total: fc.integer({ min: 1, max: 400 }) }), { minLength: 1, maxLength: 6 }),
  { minLength: 20, maxLength: 120 },
);

function profilesOf(customers: { daysAgo: number; total: number }[][]) {
  const orders = customers.flatMap((list, c) =>
    list.map((o, k) => order({ id: `o${c}-${k}`, customer: `c${c}`, at: asOf - o.daysAgo * DAY, total: o.total })),
  );
  return activeProfiles(buildProfiles(orders));
}

describe("RFM cut-offs", () => {
  it("score every customer exactly as the full quintile table does", () => {
    fc.assert(
      fc.property(store, (customers) => {
        const profiles = profilesOf(customers);
        const table = scoreRfm(profiles, asOf);
        const cuts = rfmCuts(table);
        profiles.forEach((p, i) => {
          const full = rfmRow(table, i);
          const fromCuts = scoreWithCuts(cuts, p, asOf);
          expect(fromCuts && { r: fromCuts.r, f: fromCuts.f, m: fromCuts.m, segment: fromCuts.segment }).toEqual({ r: full.r, f: full.f, m: full.m, segment: full.segment });
        });
      }),
      { numRuns: 60 },
    );
  });

  it("survive a JSON round trip and score nobody when the store is too small", () => {
    const profiles = profilesOf([[{ daysAgo: 3, total: 10 }]]);
    expect(rfmCuts(scoreRfm(profiles, asOf))).toBeNull();
    expect(scoreWithCuts(null, profiles[0], asOf)).toBeNull();
  });
});

describe("profile rows", () => {
  it("keep RFM, seed and behaviour memberships with evidence, and score the same after the context is stored", () => {
    const customers = Array.from({ length: 40 }, (_, c) => Array.from({ length: 1 + (c % 4) }, (_, k) => ({ daysAgo: 10 + c * 7 + k * 30, total: 20 + c * 3 })));
    const profiles = profilesOf(customers);
    const table = scoreRfm(profiles, asOf);
    const seed = seedSegmentContext(profiles, asOf, { currency: "USD" });
    const ctx = JSON.parse(JSON.stringify(scoringContext(table, seed, "USD", 0)));
    const at = new Date(asOf);
    profiles.forEach((profile, i) => {
      const full = profileRow({ shop: "s", profile, rfm: rfmRow(table, i), seed, clv: null, currency: "USD", source: "full", at });
      const again = profileRow({ shop: "s", profile, rfm: scoreWithCuts(ctx.rfm, profile, asOf), seed: seedContextAt(ctx, asOf, profile.customerId, null), clv: null, currency: "USD", source: "full", at });
      expect(again).toEqual(full);
      const memberships = JSON.parse(full.segments) as StoredMembership[];
      expect(memberships.filter((m) => m.family === "rfm").map((m) => m.segment)).toEqual([full.rfmSegment]);
      for (const m of memberships) expect(m.evidence.length).toBeGreaterThan(10);
    });
  });
});
