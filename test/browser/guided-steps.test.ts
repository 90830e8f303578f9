/**
 * Real browser on the demo store: walks the six guided steps, answers the questions (one wrong
 * answer first, to see the field error), edits and saves an exception rule, reloads to check the
 * answers persisted, then finishes into the plan. Saves a screenshot of every step to
 * artifacts/screenshots/step-<n>-<name>.png.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import prisma from "../../app/db.server";
import { loadDemoStore } from "../../app/services/demo-store.server";
import { DEMO_SHOP } from "../../app/services/demo.server";
import { testDatabaseUrl } from "../database";
import { chromiumAvailable, launchBrowser, requireChromiumInCi, screenshotPath, startDemoServer, USER_AGENT, type AppServer } from "./browser";

requireChromiumInCi();

describe.skipIf(!chromiumAvailable)("guided steps in a real browser", () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    await loadDemoStore({ asOf: Date.UTC(2026, 10, 1), orders: 3000, seed: "browser-test" }, { fresh: true });
    for (const table of [prisma.stepAnswers, prisma.guidedProgress, prisma.exceptionRule, prisma.exceptionFacts] as const) {
      await (table as typeof prisma.stepAnswers).deleteMany({ where: { shop: DEMO_SHOP } });
    }
    server = await startDemoServer(testDatabaseUrl());
    browser = await launchBrowser();
    page = await browser.newPage({ userAgent: USER_AGENT, viewport: { width: 1280, height: 900 } });
    // Charts animate in; screenshots must show the final bars.
    await page.emulateMedia({ reducedMotion: "reduce" });
    page.on("pageerror", (e) => errors.push(e.message));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function heading(n: number, title: string) {
    await page
      .getByRole("heading", { name: `Step ${n} of 6: ${title}`, level: 1 })
      .waitFor({ timeout: 60_000 })
      .catch(async (e) => {
        throw new Error(`${e.message}\n--- page text ---\n${(await page.locator("body").innerText()).slice(0, 2000)}`);
      });
  }

  async function shot(n: number, name: string) {
    await page.screenshot({ path: screenshotPath(`step-${n}-${name}`), fullPage: true });
  }

  const next = () => page.getByRole("button", { name: /Save and continue|Finish and open the plan/ }).click();

  it("1 Audit: journey map and repeat-by-experience charts, a wrong answer is refused, then saved", async () => {
    await page.goto(`${server.url}/demo/steps/audit`, { waitUntil: "load", timeout: 120_000 });
    await heading(1, "Audit the delivery journey");
    const body = await page.locator("body").innerText();
    for (const text of ["Journey map", "Windows by carrier", "Windows by sales channel", "What goes wrong", "Repeat purchases by first delivery experience", "0 of 6 steps done"]) expect(body).toContain(text);
    await page.locator('[role="img"] svg').first().waitFor({ timeout: 30_000 });
    await page.getByLabel("Net Promoter Score (−100 to 100)").fill("150");
    await page.getByRole("button", { name: "Save and come back later" }).click();
    await page.getByText("Net Promoter Score must be at most 100").waitFor({ timeout: 30_000 });
    await page.getByLabel("Net Promoter Score (−100 to 100)").fill("40");
    await page.getByLabel("Gross margin").fill("55");
    await page.getByRole("button", { name: "Save and come back later" }).click();
    await page.getByText("Saved. You can come back to this step any time.").waitFor({ timeout: 30_000 });
    await shot(1, "audit");
    await next();
  }, 180_000);

  it("2 Automation: opportunities, support answers, and an exception rule saved with its counts", async () => {
    await heading(2, "Automate exception handling");
    const body = await page.locator("body").innerText();
    expect(body).toContain("Automation opportunities, most frequent first");
    expect(body).toMatch(/Would have applied to [\d,]+ past orders/);
    // The delay rule's second condition gives returning customers credit: raise it and save.
    const credit = page.getByLabel("Credit amount").first();
    await credit.fill("12");
    await page.getByRole("button", { name: "Save rules" }).click();
    await page.getByText("Rules saved. The counts below use them.").waitFor({ timeout: 30_000 });
    expect(await page.getByLabel("Credit amount").first().inputValue()).toBe("12");
    await page.getByLabel("Support tickets a month").fill("900");
    await page.getByLabel("Minutes an agent spends per ticket").fill("6");
    await page.getByLabel("Where is my order?").fill("40");
    await page.getByLabel("Telling customers about delays").selectOption("manual");
    await shot(2, "automation");
    await next();
  }, 120_000);

  it("3 Personalization: segments with action packages; positioning and acquisition cost", async () => {
    await heading(3, "Personalize by segment");
    expect(await page.locator("body").innerText()).toContain("Segments and what to do for each");
    await page.getByLabel("How is your brand positioned on price?").selectOption("premium");
    await page.getByLabel("What a new customer costs you to acquire").fill("30");
    await shot(3, "personalization");
    await next();
  }, 120_000);

  it("4 Channels: consistency table; channels outside Shopify", async () => {
    await heading(4, "Make channels consistent");
    expect(await page.locator("body").innerText()).toContain("Consistency across channels");
    await page.getByLabel("Channels you sell through outside Shopify").fill("Amazon\nWholesale");
    await shot(4, "channels");
    await next();
  }, 120_000);

  it("5 Testing: the roadmap and the way to experiments", async () => {
    await heading(5, "Test what works");
    expect(await page.locator("body").innerText()).toContain("Experiment roadmap");
    expect(await page.getByRole("link", { name: "Experiments page" }).getAttribute("href")).toBe("/demo/experiments");
    await shot(5, "testing");
    await next();
  }, 120_000);

  it("6 Plan: summary using the answers; after a reload every answer is still there", async () => {
    await heading(6, "Your plan");
    const body = await page.locator("body").innerText();
    expect(body).toContain("5 of 6 steps done");
    expect(body).toMatch(/The plan uses your answers on .*support tickets/);
    await shot(6, "plan");

    await page.goto(`${server.url}/demo/steps/audit`, { waitUntil: "load" });
    await heading(1, "Audit the delivery journey");
    expect(await page.getByLabel("Net Promoter Score (−100 to 100)").inputValue()).toBe("40");
    await page.goto(`${server.url}/demo/steps/automation`, { waitUntil: "load" });
    await heading(2, "Automate exception handling");
    expect(await page.getByLabel("Support tickets a month").inputValue()).toBe("900");
    expect(await page.getByLabel("Telling customers about delays").inputValue()).toBe("manual");
    expect(await page.getByLabel("Credit amount").first().inputValue()).toBe("12");
    await page.goto(`${server.url}/demo/steps/channels`, { waitUntil: "load" });
    await heading(4, "Make channels consistent");
    expect(await page.getByLabel("Channels you sell through outside Shopify").inputValue()).toBe("Amazon\nWholesale");

    await page.goto(`${server.url}/demo/steps/plan`, { waitUntil: "load" });
    await heading(6, "Your plan");
    await next();
    await page.waitForURL(/\/demo\/plan$/, { timeout: 60_000 });
    expect(errors).toEqual([]);
  }, 180_000);
});
