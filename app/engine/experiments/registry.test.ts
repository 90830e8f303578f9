import { describe, expect, it } from "vitest";
import { DELIVERY_VARIABLES, DELIVERY_VARIABLE_KEYS, hypothesisFor, isDeliveryVariable } from "./registry";

describe("delivery variable registry", () => {
  it("lists the nine variables, each with a control first, a unit and a retention metric", () => {
    expect(DELIVERY_VARIABLE_KEYS).toHaveLength(9);
    for (const key of DELIVERY_VARIABLE_KEYS) {
      const d = DELIVERY_VARIABLES[key];
      expect(d.key).toBe(key);
      expect(d.variants[0].key).toBe("control");
      expect(d.variants.length).toBeGreaterThanOrEqual(2);
      expect(new Set(d.variants.map((v) => v.key)).size).toBe(d.variants.length);
      expect(d.hypothesisTemplate).toContain("{treatment}");
      expect(["repeat_within_days", "time_to_second_order", "satisfaction_score"]).toContain(d.primaryMetric);
    }
    expect(new Set(DELIVERY_VARIABLE_KEYS.map((k) => DELIVERY_VARIABLES[k].primaryMetric)).size).toBe(3);
  });

  it("fills the hypothesis template", () => {
    expect(hypothesisFor("packaging", "branded_unboxing", 60)).toBe(
      "Shipping the first order with branded unboxing with a thank-you card makes the delivery memorable and raises second orders within 60 days.",
    );
    expect(isDeliveryVariable("packaging")).toBe(true);
    expect(isDeliveryVariable("toString")).toBe(false);
  });
});
