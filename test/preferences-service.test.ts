/** Stored answers and profiles: idempotent recording, shop scoping, erasure. */
import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import type { StatedAnswer } from "../app/engine/preferences";
import { statedAnswer } from "../app/engine/testing/fixtures";
import { deletePreferenceData, readPreferenceProfile, readPreferenceProfiles, recordPreferenceAnswers } from "../app/services/preferences.server";

const shop = "preferences-service.myshopify.com";
const other = "preferences-other.myshopify.com";
const now = new Date("2026-11-23T12:00:00Z");
const T0 = Date.UTC(2026, 9, 1);

const answer = (customerId: string | null, orderId: string | null, extra: Partial<StatedAnswer> = {}) => statedAnswer(customerId, orderId, T0, extra);

beforeEach(async () => {
  for (const s of [shop, other]) await deletePreferenceData(s);
});

describe("preference storage", () => {
  it("records each answer once, whatever path repeats it, and keeps the profile current", async () => {
    expect(await recordPreferenceAnswers(shop, [answer("c1", "o1"), answer("c1", "o1")], now)).toEqual(["c1"]);
    expect(await recordPreferenceAnswers(shop, [answer("c1", "o1", { source: "thank_you" })], now)).toEqual([]);
    await recordPreferenceAnswers(shop, [answer("c1", null, { answeredAt: T0 + 1000, speedVsCost: "cost" })], now);
    expect(await prisma.preferenceAnswer.count({ where: { shop } })).toBe(2);
    expect(await prisma.customerPreference.findUnique({ where: { shop_customerId: { shop, customerId: "c1" } } })).toMatchObject({
      speedVsCost: "cost",
      source: "customer_account",
      answers: 2,
      answeredOrders: 1,
    });
  });

  it("keeps shops apart", async () => {
    await recordPreferenceAnswers(shop, [answer("c1", "o1")], now);
    await recordPreferenceAnswers(other, [answer("c1", "o1", { speedVsCost: "balanced" })], now);
    expect((await readPreferenceProfile(shop, "c1"))?.speedVsCost).toBe("speed");
    expect([...(await readPreferenceProfiles(other)).values()].map((p) => p.speedVsCost)).toEqual(["balanced"]);
  });

  it("erases one customer's answers and profile (customers/redact) or the whole shop's", async () => {
    await recordPreferenceAnswers(shop, [answer("c1", "o1"), answer("c2", "o2"), answer(null, "o3")], now);
    await recordPreferenceAnswers(other, [answer("c1", "o1")], now);
    expect(await deletePreferenceData(shop, ["c1"])).toBe(1);
    expect(await readPreferenceProfile(shop, "c1")).toBeNull();
    expect(await prisma.customerPreference.count({ where: { shop } })).toBe(1);
    expect(await deletePreferenceData(shop)).toBe(2);
    expect(await prisma.customerPreference.count({ where: { shop } })).toBe(0);
    expect(await readPreferenceProfile(other, "c1")).not.toBeNull();
  });
});
