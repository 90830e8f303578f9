import { describe, expect, it } from "vitest";
import { inAudience } from "./definition";
import { assignmentConflicts, audiencesOverlap, startConflicts, type ExperimentRun } from "./overlap";

const run = (id: string, over: Partial<ExperimentRun> = {}): ExperimentRun => ({ id, name: id, status: "running", audience: {}, startedAt: 0, stoppedAt: null, ...over });

describe("overlap guard", () => {
  it("treats audiences as overlapping unless a field both constrain has no common value", () => {
    expect(audiencesOverlap({}, { shippingSpeeds: ["express"] })).toBe(true);
    expect(audiencesOverlap({ shippingSpeeds: ["express"] }, { shippingSpeeds: ["economy"] })).toBe(false);
    expect(audiencesOverlap({ regions: ["US"] }, { regions: ["US-CA"] })).toBe(true);
    expect(audiencesOverlap({ regions: ["US-NY"] }, { regions: ["US-CA", "CA"] })).toBe(false);
    expect(audiencesOverlap({ regions: ["US"], shippingSpeeds: ["express"] }, { regions: ["US-CA"], shippingSpeeds: ["standard"] })).toBe(false);
  });

  it("blocks starting an experiment while an overlapping one runs", () => {
    const others = [run("a"), run("b", { status: "stopped", stoppedAt: 5 }), run("c", { audience: { shippingSpeeds: ["express"] } })];
    expect(startConflicts({ id: "new", audience: {} }, others).map((e) => e.id)).toEqual(["a", "c"]);
    expect(startConflicts({ id: "new", audience: { shippingSpeeds: ["economy"] } }, others.slice(1))).toEqual([]);
    expect(startConflicts({ id: "a", audience: {} }, [run("a")])).toEqual([]);
  });

  it("finds customers assigned to two experiments whose runs overlapped", () => {
    const exps = [run("a", { startedAt: 0, stoppedAt: 10 }), run("b", { startedAt: 5 }), run("c", { startedAt: 10 })];
    const conflicts = assignmentConflicts(
      [
        { experimentId: "a", customerId: "c1" },
        { experimentId: "b", customerId: "c1" },
        { experimentId: "a", customerId: "c2" },
        { experimentId: "c", customerId: "c2" },
      ],
      exps,
    );
    expect(conflicts).toEqual([{ customerId: "c1", experimentIds: ["a", "b"] }]);
  });

  it("matches orders to an audience by service level and region prefix", () => {
    expect(inAudience({ shippingSpeeds: ["economy"], regions: ["US"] }, { shippingSpeed: "economy", destinationRegion: "US-TX" })).toBe(true);
    expect(inAudience({ regions: ["US"] }, { shippingSpeed: "economy", destinationRegion: "USX" })).toBe(false);
    expect(inAudience({ regions: ["US"] }, { shippingSpeed: "economy", destinationRegion: null })).toBe(false);
    expect(inAudience({ shippingSpeeds: ["express"] }, { shippingSpeed: "economy", destinationRegion: "US" })).toBe(false);
  });
});
