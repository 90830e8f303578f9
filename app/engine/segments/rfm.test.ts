import { describe, expect, it } from "vitest";
import { DAY, at, order } from "../testing/order-builder";
import type { Order } from "../types";
import type { CustomerProfile } from "./customer-profile";
import { activeProfiles, applyOrder, buildProfiles } from "./profile-book";
import { RFM_SEGMENTS, RFM_SEGMENT_RULES, rfmMemberships, rfmRow, rfmSegmentCounts, rfmSegmentOf, scoreCustomerRfm, scoreRfm } from "./rfm";

const AS_OF = at("2024-06-01T12:00");

/** A customer whose last order is `recency` days before AS_OF, on `days` purchase days 10 days apart, spending `spend`. */
function customer(id: string, recency: number, days: number, spend: number): Order[] {
  return Array.from({ length: days }, (_, k) =>
    order({ id: `${id}-${k}`, customer: id, at: AS_OF - (recency + 10 * k) * DAY, total: spend / days }),
  );
}

/**
 * Ten customers, hand-scored (score = 1 + floor(5 × customers strictly worse / 10)):
 *   recency  0,5,10,20,30,40,60,90,120,200 → R 5,5,4,4,3,3,2,2,1,1
 *   days     1,1,1,1,1,1,2,2,3,5          → F 1,1,1,1,1,1,4,4,5,5 (six tied at the bottom)
 *   spend    50,500,20,300,10,40,100,800,210,1000 → M 2,4,1,4,1,2,3,5,3,5
 */
const FIXTURE: Array<[string, number, number, number, string, string]> = [
  ["c0", 0, 1, 50, "512", "potential_loyalists"], // FM = round(1.5) = 2
  ["c1", 5, 1, 500, "514", "potential_loyalists"], // FM = round(2.5) = 3
  ["c2", 10, 1, 20, "411", "promising"],
  ["c3", 20, 1, 300, "414", "potential_loyalists"],
  ["c4", 30, 1, 10, "311", "about_to_sleep"],
  ["c5", 40, 1, 40, "312", "about_to_sleep"],
  ["c6", 60, 2, 100, "243", "at_risk"], // FM = round(3.5) = 4
  ["c7", 90, 2, 800, "245", "cant_lose_them"], // FM = round(4.5) = 5
  ["c8", 120, 3, 210, "153", "at_risk"],
  ["c9", 200, 5, 1000, "155", "cant_lose_them"],
];

function fixtureBook() {
  return buildProfiles(FIXTURE.flatMap(([id, r, d, m]) => customer(id, r, d, m)));
}

describe("RFM segment grid", () => {
  it("every (R, FM) cell matches exactly one rule, and every segment is used", () => {
    const used = new Set<string>();
    for (let r = 1; r <= 5; r++) {
      for (let fm = 1; fm <= 5; fm++) {
        const matches = RFM_SEGMENT_RULES.filter(
          (rule) => r >= rule.recency[0] && r <= rule.recency[1] && fm >= rule.frequencyMonetary[0] && fm <= rule.frequencyMonetary[1],
        );
        expect(matches.length, `R${r} FM${fm}`).toBe(1);
        used.add(matches[0].segment);
      }
    }
    expect([...used].sort()).toEqual([...RFM_SEGMENTS].sort());
  });

  it("reads the documented corners", () => {
    expect(rfmSegmentOf(5, 5, 5)).toBe("champions");
    expect(rfmSegmentOf(5, 1, 1)).toBe("new_customers");
    expect(rfmSegmentOf(1, 1, 1)).toBe("lost");
    expect(rfmSegmentOf(1, 5, 5)).toBe("cant_lose_them");
    expect(rfmSegmentOf(3, 3, 3)).toBe("need_attention");
    expect(rfmSegmentOf(2, 1, 2)).toBe("hibernating");
    expect(rfmSegmentOf(4, 5, 4)).toBe("loyal");
  });
});

describe("scoreRfm", () => {
  it("scores a tiny store by hand", () => {
    const table = scoreRfm(activeProfiles(fixtureBook()), AS_OF, { minCustomers: 5 });
    expect(table.n).toBe(10);
    const byId = new Map(Array.from({ length: table.n }, (_, i) => [table.customerIds[i], rfmRow(table, i)]));
    for (const [id, recency, days, spend, code, segment] of FIXTURE) {
      const row = byId.get(id);
      expect(row, id).toMatchObject({ recencyDays: recency, frequency: days, code, segment });
      expect(row?.monetary).toBe(spend);
    }
    expect(table.confidence).toBe("low");
    expect(table.caveats.some((c) => c.startsWith("Frequency") && c.includes("1, 4, 5"))).toBe(true);
    const counts = rfmSegmentCounts(table);
    expect(counts.potential_loyalists).toBe(3);
    expect(counts.about_to_sleep).toBe(2);
    expect(counts.champions).toBe(0);
  });

  it("without ties, scores are exact quintiles", () => {
    const orders = Array.from({ length: 25 }, (_, i) => customer(`c${i}`, i, 1 + (i % 5), 10 + i)).flat();
    const table = scoreRfm(activeProfiles(buildProfiles(orders)), AS_OF);
    const countsR = [0, 0, 0, 0, 0];
    const countsM = [0, 0, 0, 0, 0];
    for (let i = 0; i < table.n; i++) {
      countsR[table.r[i] - 1]++;
      countsM[table.m[i] - 1]++;
    }
    expect(countsR).toEqual([5, 5, 5, 5, 5]);
    expect(countsM).toEqual([5, 5, 5, 5, 5]);
  });

  it("equal customers get equal (lowest) scores", () => {
    const orders = Array.from({ length: 20 }, (_, i) => customer(`c${i}`, 3, 1, 50)).flat();
    const table = scoreRfm(activeProfiles(buildProfiles(orders)), AS_OF);
    expect(new Set(Array.from({ length: table.n }, (_, i) => rfmRow(table, i).code))).toEqual(new Set(["111"]));
    expect(table.caveats.filter((c) => c.includes("only scores 1 are used"))).toHaveLength(3);
  });

  it("too few customers: nobody is scored, with an explicit reason", () => {
    const table = scoreRfm(activeProfiles(buildProfiles(customer("c1", 2, 2, 40))), AS_OF);
    expect(table.confidence).toBe("insufficient");
    expect(rfmRow(table, 0)).toMatchObject({ code: null, segment: null, r: 0, recencyDays: 2, frequency: 2 });
    expect(table.caveats[0]).toMatch(/Only 1 customers/);
    expect(scoreCustomerRfm(table, activeProfiles(buildProfiles(customer("c1", 2, 2, 40)))[0], AS_OF)).toBeNull();
  });

  it("no customers → empty table, insufficient", () => {
    const table = scoreRfm([], AS_OF);
    expect(table.n).toBe(0);
    expect(table.confidence).toBe("insufficient");
    expect(rfmSegmentCounts(table).lost).toBe(0);
  });

  it("skips profiles whose orders were all cancelled; guest orders never count", () => {
    const book = fixtureBook();
    const cancelled = order({ id: "x", customer: "cx", at: AS_OF - DAY, cancelledAt: AS_OF - DAY });
    const guest = order({ id: "g", customer: null, at: AS_OF - DAY });
    const all = buildProfiles([...FIXTURE.flatMap(([id, r, d, m]) => customer(id, r, d, m)), cancelled, guest]);
    expect(all.profiles.has("cx")).toBe(true);
    expect(scoreRfm(all.profiles.values(), AS_OF, { minCustomers: 5 }).customerIds).toEqual(
      scoreRfm(book.profiles.values(), AS_OF, { minCustomers: 5 }).customerIds,
    );
  });

  it("scores one updated customer against the store's distribution", () => {
    const book = fixtureBook();
    const table = scoreRfm(activeProfiles(book), AS_OF, { minCustomers: 5 });
    // c4 (311) orders again today for 2,000: recency 0 → R5, 2 days → F4, 2,010 → M5.
    const c4 = book.profiles.get("c4") as CustomerProfile;
    applyOrder(c4, order({ id: "c4-new", customer: "c4", at: AS_OF - 3_600_000, total: 2000 }));
    expect(scoreCustomerRfm(table, c4, AS_OF)).toMatchObject({ code: "545", segment: "champions", recencyDays: 0, frequency: 2 });
  });

  it("explains membership in plain language", () => {
    const table = scoreRfm(activeProfiles(fixtureBook()), AS_OF, { minCustomers: 5 });
    const m = rfmMemberships(table, "USD").get("c9")?.[0];
    expect(m?.label).toBe("Can't lose them");
    expect(m?.evidence).toBe("Last order 200 days ago (recency 1/5), bought on 5 days (frequency 5/5), spent 1,000.00 USD (spend 5/5).");
    expect(m?.rule).toContain("recency score 1–2");
  });
});
