/**
 * Real browser (Debian's Chromium through playwright-core) on the demo admin pages, served from the
 * production build on a generated store: dashboard, segments, a customer drill-down and the plan
 * (with its Markdown download). Saves a screenshot of each page to artifacts/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { loadDemoStore } from "../../app/services/demo-store.server";
import { testDatabaseUrl } from "../database";
import { chromiumAvailable, launchBrowser, requireChromiumInCi, screenshotPath, startDemoServer, USER_AGENT, type AppServer } from "./browser";

requireChromiumInCi();

describe.skipIf(!chromiumAvailable)("demo admin pages in a real browser", () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    await loadDemoStore({ asOf: Date.UTC(2026, 10, 1), orders: 3000, seed: "browser-test" }, { fresh: true });
    server = await startDemoServer(testDatabaseUrl());
    browser = await launchBrowser();
    page = await browser.newPage({ userAgent: USER_AGENT, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on("pageerror", (e) => errors.push(e.message));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(path: string, heading: string | RegExp) {
    await page.goto(`${server.url}${path}`, { waitUntil: "load", timeout: 120_000 });
    await page
      .getByRole("heading", { name: heading, level: 1 })
      .waitFor({ timeout: 60_000 })
      .catch(async (e) => {
        throw new Error(`${e.message}\n--- page text ---\n${(await page.locator("body").innerText()).slice(0, 2000)}`);
      });
  }

  it("dashboard: headline figures with confidence, trends drawn as charts, the biggest friction", async () => {
    await open("/demo", "Dashboard");
    const body = await page.locator("body").innerText();
    for (const label of ["Repeat rate", "On-time deliveries", "Late deliveries", "Carrier exceptions", "Return rate", "Average predicted CLV", "Biggest delivery friction"]) {
      expect(body).toContain(label);
    }
    expect(body).toMatch(/(High|Medium|Low) confidence/);
    // The trend charts are drawn on the client after hydration (slow on a busy machine).
    await page.locator('[role="img"] svg').first().waitFor({ timeout: 90_000 });
    await page.getByRole("tab", { name: "Segments" }).waitFor();
    await page.screenshot({ path: screenshotPath("dashboard"), fullPage: true });
  }, 120_000);

  it("segments: RFM grid, segment tables with rules, preferences, then a customer drill-down", async () => {
    await open("/demo/segments", "Segments");
    const body = await page.locator("body").innerText();
    for (const text of ["RFM grid", "RFM segments", "Delivery-behaviour segments", "Seed segments for the plan", "Speed-focused", "Do stated preferences match what they buy?"]) {
      expect(body).toContain(text);
    }
    expect(await page.locator('[role="img"][aria-label^="Champions:"]').count()).toBe(1);
    await page.screenshot({ path: screenshotPath("segments"), fullPage: true });

    const first = page.locator('a[href^="/demo/segments/"]').first();
    const id = (await first.innerText()).trim();
    await first.click();
    await page.getByRole("heading", { name: `Customer ${id}`, level: 1 }).waitFor({ timeout: 30_000 });
    const detail = await page.locator("body").innerText();
    expect(detail).toContain("Segments and why");
    expect(detail).toContain("Why:");
    expect(detail).toContain("Rule:");
    await page.screenshot({ path: screenshotPath("customer"), fullPage: true });
  }, 120_000);

  it("plan: readable, every figure traceable, downloadable as Markdown", async () => {
    await open("/demo/plan", "LTV Improvement Plan");
    const body = await page.locator("body").innerText();
    expect(body).toContain("Step 1 · Audit: Current State Assessment");
    expect(body).toMatch(/\((data|model), (high|medium|low)\)/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download Markdown" }).click()]);
    expect(download.suggestedFilename()).toBe("ltv-improvement-plan-2026-11-01.md");
    await page.screenshot({ path: screenshotPath("plan-top") });
    await page.screenshot({ path: screenshotPath("plan"), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);
});
