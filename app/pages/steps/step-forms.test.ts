import { describe, expect, it } from "vitest";
import { answersToForm, parseStepAnswers, toPlanAnswers } from "./step-forms";

describe("step 1 (audit) answers", () => {
  it("reads numbers from text, leaves blanks out", () => {
    expect(parseStepAnswers("audit", { nps: "42", csat: "", grossMarginPercent: " 55.5 ", targetLateRatePercent: "" })).toEqual({ ok: true, answers: { nps: 42, grossMarginPercent: 55.5 } });
  });

  it("names the field and the reason for each wrong value", () => {
    const r = parseStepAnswers("audit", { nps: "120", csat: "abc", grossMarginPercent: "-3", targetLateRatePercent: "4.5" });
    expect(r).toEqual({
      ok: false,
      errors: { nps: "Net Promoter Score must be at most 100", csat: "Customer satisfaction must be a number", grossMarginPercent: "Gross margin must be at least 0" },
    });
    expect(parseStepAnswers("audit", { nps: "12.5" })).toEqual({ ok: false, errors: { nps: "Net Promoter Score must be a whole number" } });
  });
});

describe("step 2 (automation) answers", () => {
  const valid = { monthlySupportTickets: "1,200", minutesPerTicket: "6", share_where_is_my_order: "40", share_late_delivery: "25", share_damaged: "", process_delay_notices: "manual", process_tracking_updates: "automated", process_carrier_choice: "" };

  it("accepts tickets, reason shares and process modes", () => {
    const r = parseStepAnswers("automation", valid);
    expect(r).toEqual({
      ok: true,
      answers: { monthlySupportTickets: 1200, minutesPerTicket: 6, share_where_is_my_order: 40, share_late_delivery: 25, process_delay_notices: "manual", process_tracking_updates: "automated" },
    });
  });

  it("refuses shares above 100% in total, fractional tickets and unknown process modes", () => {
    expect(parseStepAnswers("automation", { ...valid, share_other: "50" })).toEqual({ ok: false, errors: { share_other: "The shares add up to 115%; they can add up to 100% at most" } });
    const r = parseStepAnswers("automation", { monthlySupportTickets: "10.5", minutesPerTicket: "0", process_delay_notices: "sometimes" });
    expect(r).toEqual({
      ok: false,
      errors: { monthlySupportTickets: "Support tickets a month must be a whole number", minutesPerTicket: "Minutes per ticket must be at least 1", process_delay_notices: "Choose manual, automated or not done" },
    });
  });
});

describe("step 3 (personalization) and step 4 (channels) answers", () => {
  it("validates positioning and acquisition cost", () => {
    expect(parseStepAnswers("personalization", { brandPositioning: "premium", customerAcquisitionCost: "35" })).toEqual({ ok: true, answers: { brandPositioning: "premium", customerAcquisitionCost: 35 } });
    expect(parseStepAnswers("personalization", { brandPositioning: "luxury", customerAcquisitionCost: "-1" })).toEqual({
      ok: false,
      errors: { brandPositioning: "Choose premium, mid-market or value", customerAcquisitionCost: "Acquisition cost must be at least 0" },
    });
  });

  it("splits channels one per line and limits text length", () => {
    expect(parseStepAnswers("channels", { channelsOutsideShopify: "Amazon\n\n Wholesale , Etsy", routingDecisions: "  Cheapest carrier unless express  " })).toEqual({
      ok: true,
      answers: { channelsOutsideShopify: ["Amazon", "Wholesale", "Etsy"], routingDecisions: "Cheapest carrier unless express" },
    });
    expect(parseStepAnswers("channels", { routingDecisions: "x".repeat(1001) })).toEqual({ ok: false, errors: { routingDecisions: "How routing is decided must be at most 1000 characters" } });
    expect(parseStepAnswers("channels", { channelsOutsideShopify: "y".repeat(81) })).toEqual({ ok: false, errors: { channelsOutsideShopify: "Each entry in channels must be at most 80 characters" } });
  });

  it("steps without questions accept an empty form", () => {
    expect(parseStepAnswers("testing", {})).toEqual({ ok: true, answers: {} });
    expect(parseStepAnswers("plan", {})).toEqual({ ok: true, answers: {} });
  });
});

describe("answers → the plan's PlanAnswers", () => {
  it("maps every step's answers onto the engine's shape", () => {
    const answers = {
      audit: { nps: 30, grossMarginPercent: 50 },
      automation: { monthlySupportTickets: 800, minutesPerTicket: 5, share_where_is_my_order: 40, share_damaged: 10, process_delay_notices: "manual" as const, process_tracking_updates: "automated" as const },
      personalization: { brandPositioning: "value" as const, customerAcquisitionCost: 20 },
      channels: { channelsOutsideShopify: ["Amazon"], routingDecisions: "By hand" },
    };
    expect(toPlanAnswers(answers)).toEqual({
      nps: 30,
      grossMarginPercent: 50,
      monthlySupportTickets: 800,
      minutesPerTicket: 5,
      topTicketReasons: [
        { reason: "where_is_my_order", share: 0.4, label: "Where is my order?" },
        { reason: "damaged", share: 0.1, label: "Damaged item" },
      ],
      manualProcesses: ["Telling customers about delays"],
      automatedProcesses: ["Sending tracking updates"],
      brandPositioning: "value",
      customerAcquisitionCost: 20,
      channelsOutsideShopify: ["Amazon"],
      routingDecisions: "By hand",
    });
    expect(toPlanAnswers({})).toEqual({});
  });

  it("stored answers round-trip through the form text", () => {
    const stored = { channelsOutsideShopify: ["Amazon", "Etsy"], routingDecisions: "By hand" };
    expect(parseStepAnswers("channels", answersToForm(stored))).toEqual({ ok: true, answers: stored });
  });
});
