/**
 * The experiments pages in a real browser on the generated demo store: the list with the demo
 * experiment, the create form's live power analysis, and the read-out. Screenshots go to
 * artifacts/screenshots/experiments.png and experiment-result.png.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { loadDemoStore } from "../../app/services/demo-store.server";
import { testDatabaseUrl } from "../database";
import { chromiumAvailable, launchBrowser, requireChromiumInCi, screenshotPath, startDemoServer, USER_AGENT, type AppServer } from "./browser";

requireChromiumInCi();

async function open(page: Page, url: string, heading: string) {
  await page.goto(url, { waitUntil: "load", timeout: 120_000 });
  await page
    .getByRole("heading", { name: heading })
    .first()
    .waitFor({ timeout: 60_000 })
    .catch(async (e) => {
      throw new Error(`${e.message}\n--- page text ---\n${(await page.locator("body").innerText()).slice(0, 2000)}`);
    });
}

describe.skipIf(!chromiumAvailable)("experiments pages in a real browser", () => {
  let server: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    await loadDemoStore({ asOf: Date.UTC(2026, 10, 1), orders: 6000, seed: "browser-experiments" }, { fresh: true });
    server = await startDemoServer(testDatabaseUrl());
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lists the demo experiment and previews the power analysis of a new one", async () => {
    const page = await browser.newPage({ userAgent: USER_AGENT, viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await open(page, `${server.url}/demo/experiments`, "Experiments");
    const body = await page.locator("body").innerText();
    expect(body).toContain("First-order unboxing");
    expect(body).toContain("Power analysis");
    expect(body).toMatch(/Per variant\s+[\d,]+/);
    expect(body).toContain("Next on your testing roadmap");
    // A roadmap suggestion prefills the form with its variable and name.
    const suggestion = (await page.getByRole("heading", { name: /^Month 1: / }).innerText()).replace(/^Month 1: /, "");
    await page.getByRole("link", { name: "Set up this test" }).first().click();
    await page.waitForFunction((name) => (document.querySelector('input[name="name"]') as HTMLInputElement | null)?.value === name, suggestion, { timeout: 10_000 });
    await page.getByLabel("Smallest lift worth detecting").fill("1");
    await page.getByRole("heading", { name: "Too small for this test" }).waitFor({ timeout: 10_000 });
    await page.getByLabel("Smallest lift worth detecting").fill("5");
    await page.screenshot({ path: screenshotPath("experiments"), fullPage: true });
    expect(errors).toEqual([]);
  }, 180_000);

  it("reads out the demo experiment with intervals, the split check and a verdict", async () => {
    const page = await browser.newPage({ userAgent: USER_AGENT, viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await open(page, `${server.url}/demo/experiments`, "Experiments");
    await page.getByRole("link", { name: "First-order unboxing" }).click();
    await page.getByRole("heading", { name: "Results by variant" }).waitFor({ timeout: 60_000 });
    const body = await page.locator("body").innerText();
    expect(body).toContain("Split check");
    expect(body).toMatch(/95% CI/);
    expect(body).toContain("Branded unboxing with a thank-you card");
    await page.screenshot({ path: screenshotPath("experiment-result"), fullPage: true });
    expect(errors).toEqual([]);
  }, 180_000);
});
