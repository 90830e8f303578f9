import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DELIVERY_DAYS,
  DELIVERY_WINDOWS,
  EMPTY_ANSWERS,
  GIFT_NOTE_MAX_LENGTH,
  NOTIFICATIONS,
  PREFERENCE_SOURCES,
  SPEED_VS_COST,
  buildPreferences,
  hasAnyAnswer,
  isIsoDateTime,
  normalizeGiftNote,
  parsePreferences,
  prefillAnswers,
  serializePreferences,
  validatePreferences,
  type DeliveryAnswers,
  type DeliveryPreferences,
} from "./preferences";

const good: DeliveryPreferences = {
  speedVsCost: "speed",
  deliveryWindow: "evening",
  deliveryDays: "weekend",
  notifications: "key_only",
  giftPackaging: true,
  giftNote: "Happy birthday, Sam!",
  answeredAt: "2026-11-23T10:15:00.000Z",
  source: "checkout",
  version: 1,
};

function errorsOf(input: unknown): string[] {
  const result = validatePreferences(input);
  return result.ok ? [] : result.errors;
}

describe("validatePreferences", () => {
  it("accepts a complete record and returns exactly its fields", () => {
    expect(validatePreferences(good)).toEqual({ ok: true, value: good });
  });

  it("accepts a record where every answer is null", () => {
    const blank = { ...good, ...EMPTY_ANSWERS, source: "thank_you" };
    expect(validatePreferences(blank).ok).toBe(true);
  });

  it.each([null, undefined, "{}", 42, [good]])("rejects a non-object (%j)", (input) => {
    expect(errorsOf(input)).toEqual(["preferences must be a JSON object"]);
  });

  it("reports missing and unknown keys", () => {
    const { giftNote: _dropped, ...missing } = good;
    expect(errorsOf(missing)).toEqual(["giftNote is missing"]);
    expect(errorsOf({})).toHaveLength(9);
    expect(errorsOf({ ...good, favouriteCarrier: "UPS" })).toEqual(["favouriteCarrier is not a known field"]);
  });

  it.each([
    [{ speedVsCost: "fast" }, 'speedVsCost must be one of "speed", "balanced", "cost" or null'],
    [{ deliveryWindow: "night" }, 'deliveryWindow must be one of "morning", "afternoon", "evening", "any" or null'],
    [{ deliveryDays: "sunday" }, 'deliveryDays must be one of "weekdays", "weekend", "any" or null'],
    [{ notifications: "all" }, 'notifications must be one of "every_milestone", "key_only" or null'],
    [{ giftPackaging: "yes" }, "giftPackaging must be true, false or null"],
    [{ giftNote: "   " }, "giftNote must be a non-empty string or null"],
    [{ giftNote: 7 }, "giftNote must be a non-empty string or null"],
    [{ giftNote: "x".repeat(GIFT_NOTE_MAX_LENGTH + 1) }, `giftNote must be at most ${GIFT_NOTE_MAX_LENGTH} characters`],
    [{ answeredAt: "2026-11-23" }, "answeredAt must be an ISO 8601 date-time with an offset"],
    [{ answeredAt: 1763892900000 }, "answeredAt must be an ISO 8601 date-time with an offset"],
    [{ source: "pos" }, 'source must be one of "checkout", "thank_you", "customer_account"'],
    [{ version: 2 }, "version must be 1"],
    [{ version: "1" }, "version must be 1"],
  ])("rejects %j", (patch, message) => {
    expect(errorsOf({ ...good, ...patch })).toEqual([message]);
  });

  it("accepts a gift note of exactly the maximum length", () => {
    expect(validatePreferences({ ...good, giftNote: "x".repeat(GIFT_NOTE_MAX_LENGTH) }).ok).toBe(true);
  });

  it("lists every problem at once", () => {
    expect(errorsOf({ ...good, speedVsCost: 1, version: 3, answeredAt: "" })).toHaveLength(3);
  });
});

describe("isIsoDateTime", () => {
  it.each(["2026-11-23T10:15:00Z", "2026-11-23T10:15:00.1Z", "2026-11-23T10:15:00.123456+05:30", "2024-02-29T23:59:59-08:00"])(
    "accepts %s",
    (value) => expect(isIsoDateTime(value)).toBe(true),
  );
  it.each([
    "2026-11-23T10:15:00", // no offset: ambiguous
    "2026-11-23T10:15Z", // no seconds
    "2026-02-29T10:00:00Z", // not a leap year
    "2026-04-31T10:00:00Z",
    "2026-13-01T10:00:00Z",
    "2026-11-23T24:00:00Z",
    "2026-11-23T10:60:00Z",
    "2026-11-23T10:15:00+15:00",
    "2026-11-23 10:15:00Z",
    "Mon, 23 Nov 2026 10:15:00 GMT",
  ])("rejects %s", (value) => expect(isIsoDateTime(value)).toBe(false));
});

describe("serialization", () => {
  it("writes canonical JSON in the documented key order", () => {
    const shuffled = Object.fromEntries(Object.entries(good).reverse()) as unknown as DeliveryPreferences;
    expect(serializePreferences(shuffled)).toBe(
      '{"speedVsCost":"speed","deliveryWindow":"evening","deliveryDays":"weekend","notifications":"key_only",' +
        '"giftPackaging":true,"giftNote":"Happy birthday, Sam!","answeredAt":"2026-11-23T10:15:00.000Z","source":"checkout","version":1}',
    );
  });

  it("refuses to serialize an invalid record", () => {
    expect(() => serializePreferences({ ...good, deliveryDays: "monday" as never })).toThrow(/deliveryDays/);
  });

  it("parses a metafield value (JSON string) or an already parsed jsonValue", () => {
    expect(parsePreferences(JSON.stringify(good))).toEqual(good);
    expect(parsePreferences(good)).toEqual(good);
    expect(parsePreferences("{not json")).toBeNull();
    expect(parsePreferences(JSON.stringify({ ...good, version: 2 }))).toBeNull();
    expect(parsePreferences(undefined)).toBeNull();
  });

  const answersArb: fc.Arbitrary<DeliveryAnswers> = fc.record({
    speedVsCost: fc.constantFrom(null, ...SPEED_VS_COST),
    deliveryWindow: fc.constantFrom(null, ...DELIVERY_WINDOWS),
    deliveryDays: fc.constantFrom(null, ...DELIVERY_DAYS),
    notifications: fc.constantFrom(null, ...NOTIFICATIONS),
    giftPackaging: fc.constantFrom(null, true, false),
    giftNote: fc.option(fc.string({ maxLength: 400 }), { nil: null }),
  });

  it("round-trips anything the UI can build", () => {
    fc.assert(
      fc.property(
        answersArb,
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...PREFERENCE_SOURCES),
        (answers, at, source) => {
          const built = buildPreferences(answers, { answeredAt: new Date(at).toISOString(), source });
          expect(parsePreferences(serializePreferences(built))).toEqual(built);
        },
      ),
    );
  });
});

describe("answer helpers", () => {
  it("normalizes gift notes: trimmed, blank to null, clipped to the maximum", () => {
    expect(normalizeGiftNote("  Hi!  ")).toBe("Hi!");
    expect(normalizeGiftNote(" \n ")).toBeNull();
    expect(normalizeGiftNote(null)).toBeNull();
    expect(normalizeGiftNote("y".repeat(500))).toHaveLength(GIFT_NOTE_MAX_LENGTH);
  });

  it("builds the record with the given time and source", () => {
    const built = buildPreferences(
      { ...EMPTY_ANSWERS, deliveryDays: "any", giftNote: "  For you  " },
      { answeredAt: "2026-01-02T03:04:05.000Z", source: "customer_account" },
    );
    expect(built).toEqual({
      ...EMPTY_ANSWERS,
      deliveryDays: "any",
      giftNote: "For you",
      answeredAt: "2026-01-02T03:04:05.000Z",
      source: "customer_account",
      version: 1,
    });
  });

  it("counts an answer only when something was chosen", () => {
    expect(hasAnyAnswer(EMPTY_ANSWERS)).toBe(false);
    expect(hasAnyAnswer({ ...EMPTY_ANSWERS, giftNote: "   " })).toBe(false);
    expect(hasAnyAnswer({ ...EMPTY_ANSWERS, giftPackaging: false })).toBe(true);
    expect(hasAnyAnswer({ ...EMPTY_ANSWERS, notifications: "key_only" })).toBe(true);
  });

  it("pre-fills lasting habits but never a past order's gift choices", () => {
    expect(prefillAnswers(good)).toEqual({
      speedVsCost: "speed",
      deliveryWindow: "evening",
      deliveryDays: "weekend",
      notifications: "key_only",
      giftPackaging: null,
      giftNote: null,
    });
    expect(prefillAnswers(null)).toEqual(EMPTY_ANSWERS);
  });
});
