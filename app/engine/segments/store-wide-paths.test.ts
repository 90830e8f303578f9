/**
 * The store-wide fast paths (threshold RFM scoring, predictions aligned by slot, the mask path of
 * summarizeSegments) against the per-customer paths they stand in for, on a demo store.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { iterateOrders } from "../../demo/generate-store";
import { mapAdminOrder } from "../../sync/map-admin-order";
import { DAY, at, order } from "../testing/order-builder";
import { BEHAVIOUR_SEGMENTS, BEHAVIOUR_SEGMENT_LABELS, behaviourSegmentMask, behaviourSegmentsFor } from "./behaviour-segments";
import type { CustomerProfile } from "./customer-profile";
import { activeProfiles, buildProfiles, createProfile, applyOrder } from "./profile-book";
import { RFM_SEGMENTS, rfmRow, scoreCustomerRfm, scoreRfm } from "./rfm";
import { SEED_SEGMENTS, SEED_SEGMENT_LABELS, seedSegmentContext, seedSegmentMask, seedSegmentsFor } from "./seed-segments";
import { type SegmentRef, alignPredictions, alignPredictionsByIds, maskLookup, summarizeSegments } from "./segment-summary";

const AS_OF = Date.UTC(2026, 5, 30, 12);

function demoProfiles(): CustomerProfile[] {
  const orders = Array.from(iterateOrders({ asOf: AS_OF, orders: 3000, seed: "store-wide-paths" }), mapAdminOrder);
  return activeProfiles(buildProfiles(orders));
}

/** Predictions for about two thirds of the customers, as the CLV fit's columns and as maps. */
function predictions(profiles: CustomerProfile[]) {
  const ids = profiles.filter((_, i) => i % 3 !== 1).map((p) => p.customerId);
  ids.push("someone-else");
  const clv = Float64Array.from(ids, (_, i) => (i % 7 === 0 ? Number.NaN : 10 + ((i * 37) % 500)));
  const pAlive = Float64Array.from(ids, (_, i) => ((i * 13) % 100) / 100);
  const expectedOrders = Float64Array.from(ids, (_, i) => ((i * 7) % 30) / 10);
  const predictedClv = new Map(ids.map((id, i) => [id, clv[i]]));
  const row = new Map(ids.map((id, i) => [id, i]));
  return { ids, clv, pAlive, expectedOrders, predictedClv, activity: { row, pAlive, expectedOrders } };
}

describe("store-wide fast paths equal the per-customer paths", () => {
  const profiles = demoProfiles();
  const p = predictions(profiles);

  it("RFM scores by quintile boundaries equal the binary searches of scoreCustomerRfm", () => {
    const table = scoreRfm(profiles, AS_OF);
    expect(table.n).toBeGreaterThan(500);
    for (let i = 0; i < table.n; i++) expect(rfmRow(table, i)).toEqual(scoreCustomerRfm(table, profiles[i], AS_OF));
  });

  it("RFM (property): any small store, ties included", () => {
    const T = at("2024-06-01T12:00");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 30 })), { minLength: 20, maxLength: 80 }),
        (customers) => {
          const orders = customers.flatMap(([recency, days, spend], c) =>
            Array.from({ length: days }, (_, k) => order({ id: `${c}-${k}`, customer: `c${c}`, at: T - (recency + 9 * k) * DAY, total: spend * 5 })),
          );
          const all = activeProfiles(buildProfiles(orders));
          const table = scoreRfm(all, T);
          for (let i = 0; i < table.n; i++) expect(rfmRow(table, i)).toEqual(scoreCustomerRfm(table, all[i], T));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("alignPredictionsByIds equals alignPredictions (one book, and profiles of several books)", () => {
    const columns = { clv: p.clv, pAlive: p.pAlive, expectedOrders: p.expectedOrders };
    expect(alignPredictionsByIds(profiles, p.ids, columns)).toEqual(alignPredictions(profiles, p.predictedClv, p.activity));
    expect(alignPredictionsByIds(profiles, p.ids, { clv: p.clv })).toEqual(alignPredictions(profiles, p.predictedClv));
    const mixed = [profiles[0], createProfile(profiles[1].customerId), profiles[2]];
    applyOrder(mixed[1], order({ id: "x", customer: profiles[1].customerId, at: AS_OF - DAY }));
    expect(alignPredictionsByIds(mixed, p.ids, columns)).toEqual(alignPredictions(mixed, p.predictedClv, p.activity));
    expect(alignPredictionsByIds([], p.ids, columns)).toEqual(alignPredictions([], p.predictedClv, p.activity));
  });

  it("alignPredictionsByIds (property): rows in any order, customers missing on either side or listed twice", () => {
    const some = profiles.slice(0, 40);
    const idsArb = fc.tuple(fc.shuffledSubarray([...some.map((q) => q.customerId), "x1", "x2"]), fc.array(fc.nat({ max: 39 }), { maxLength: 5 }));
    // Profiles are drawn as indices: a failing case then prints as numbers, not as whole books.
    const picksArb = fc.oneof(fc.subarray([...some.keys()]), fc.array(fc.nat({ max: 39 }), { maxLength: 40 }));
    fc.assert(
      fc.property(idsArb, picksArb, fc.boolean(), ([shuffled, repeats], picks, sorted) => {
        const list = picks.map((k) => some[k]);
        // Mostly in profile order (the common case), or shuffled; some customers listed twice.
        const ids = sorted ? [...shuffled].sort((a, b) => some.findIndex((q) => q.customerId === a) - some.findIndex((q) => q.customerId === b)) : shuffled;
        ids.push(...repeats.map((k) => some[k].customerId));
        const clv = Float64Array.from(ids, (_, i) => i + 0.5);
        const expected = alignPredictions(list, new Map(ids.map((id, i) => [id, clv[i]])));
        expect(alignPredictionsByIds(list, ids, { clv })).toEqual(expected);
      }),
      { numRuns: 300, endOnFailure: true },
    );
  });

  it("the seed context and masks with aligned CLV equal those from the map alone", () => {
    const aligned = alignPredictions(profiles, p.predictedClv);
    const byMap = seedSegmentContext(profiles, AS_OF, { predictedClv: p.predictedClv });
    const byAligned = seedSegmentContext(profiles, AS_OF, { predictedClv: p.predictedClv, alignedClv: aligned.clv });
    const { clvBySlot: _a, ...mapContext } = byMap;
    const { clvBySlot: _b, ...alignedContext } = byAligned;
    expect(alignedContext).toEqual(mapContext);
    expect(byMap.vip?.basis).toBe("predicted_clv");
    const lookedUp = { ...byMap, clvBySlot: undefined }; // every customer through the map
    for (const q of profiles) {
      expect(seedSegmentMask(q, byAligned)).toBe(seedSegmentMask(q, lookedUp));
      expect(seedSegmentsFor(q, byAligned)).toEqual(seedSegmentsFor(q, lookedUp));
    }
    // Net revenue basis: no CLV anywhere.
    const byRevenue = seedSegmentContext(profiles, AS_OF);
    expect(byRevenue.clvBySlot).toBeUndefined();
    expect(byRevenue.vip?.basis).toBe("net_revenue");
  });

  it("a customer without orders when the context was made still gets the map's CLV", () => {
    const book = buildProfiles([
      ...Array.from({ length: 12 }, (_, i) => order({ id: `o${i}`, customer: `c${i}`, at: AS_OF - (i + 1) * DAY, total: 10 })),
      order({ id: "late", customer: "c12", at: AS_OF - DAY, total: 10, cancelledAt: AS_OF - DAY }),
    ]);
    const clv = new Map(Array.from({ length: 13 }, (_, i) => [`c${i}`, i === 12 ? 1000 : i] as [string, number]));
    const ctx = seedSegmentContext(activeProfiles(book), AS_OF, { predictedClv: clv });
    const c12 = book.profiles.get("c12") as CustomerProfile;
    applyOrder(c12, order({ id: "late", customer: "c12", at: AS_OF - DAY, total: 10, updatedAt: AS_OF }));
    expect(c12.orderCount).toBe(1);
    expect(seedSegmentsFor(c12, ctx).map((m) => m.segment)).toContain("vip");
  });

  it("summaries by mask equal summaries by membership lists, rows in the same order", () => {
    const aligned = alignPredictions(profiles, p.predictedClv, p.activity);
    const seed = seedSegmentContext(profiles, AS_OF, { predictedClv: p.predictedClv });
    const seedRefs = SEED_SEGMENTS.map((s) => ({ segment: s, label: SEED_SEGMENT_LABELS[s] }));
    const lists = new Map(profiles.map((q) => [q.customerId, seedSegmentsFor(q, seed)]));
    // No fixed segment list: rows follow first appearance, which both paths must reproduce.
    expect(summarizeSegments(profiles, maskLookup(seedRefs, (q) => seedSegmentMask(q, seed)), { aligned })).toEqual(
      summarizeSegments(profiles, lists, { aligned }),
    );
    const behaviourRefs = BEHAVIOUR_SEGMENTS.map((s) => ({ segment: s, label: BEHAVIOUR_SEGMENT_LABELS[s] }));
    const behaviourLists = new Map(profiles.map((q) => [q.customerId, behaviourSegmentsFor(q)]));
    expect(summarizeSegments(profiles, maskLookup(behaviourRefs, (q) => behaviourSegmentMask(q)), { predictedClv: p.predictedClv, activity: p.activity })).toEqual(
      summarizeSegments(profiles, behaviourLists, { predictedClv: p.predictedClv, activity: p.activity }),
    );
  });

  it("the mask path merges refs that share a segment, as the list path does", () => {
    const table = scoreRfm(profiles, AS_OF);
    const refs: SegmentRef[] = RFM_SEGMENTS.map((s) => ({ segment: s.startsWith("c") ? "c-something" : s, label: s }));
    const maskOf = (_: CustomerProfile, i: number) => (table.segment[i] < RFM_SEGMENTS.length ? 1 << table.segment[i] : 0);
    const byList = (q: CustomerProfile, i: number) => (maskOf(q, i) === 0 ? undefined : [refs[table.segment[i]]]);
    expect(summarizeSegments(profiles, maskLookup(refs, maskOf))).toEqual(summarizeSegments(profiles, byList));
  });
});
