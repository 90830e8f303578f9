import { describe, expect, it } from "vitest";
import { Random } from "./random";
import { LATE_ARRIVAL_REASON, RETURN_BEHAVIOUR, RETURN_REASONS, drawReturnReason } from "./returns";

describe("return reasons", () => {
  it("uses kebab-case reason handles with weights summing to one per category", () => {
    for (const table of Object.values(RETURN_REASONS)) {
      expect(table.reduce((s, [, w]) => s + w, 0)).toBeCloseTo(1, 10);
      for (const [handle] of table) expect(handle).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
    expect(LATE_ARRIVAL_REASON).toBe("arrived-late");
  });

  it("blames the delay for about a third of late parcels' returns, never for on-time ones", () => {
    const rng = new Random("reasons");
    let late = 0;
    for (let i = 0; i < 10_000; i++) if (drawReturnReason(rng, "apparel", true) === LATE_ARRIVAL_REASON) late++;
    expect(late / 10_000).toBeCloseTo(RETURN_BEHAVIOUR.lateReasonShare, 1);
    for (let i = 0; i < 2_000; i++) expect(drawReturnReason(rng, "home", false)).not.toBe(LATE_ARRIVAL_REASON);
  });
});
