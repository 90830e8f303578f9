/**
 * Real browser (Debian's Chromium through playwright-core) on the demo pages, served by the
 * Remix dev server from a generated store. Saves a screenshot of each page to artifacts/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { loadDemoStore } from "../../app/services/demo-store.server";
import { testDatabaseUrl } from "../database";
import { chromiumAvailable, CHROMIUM, launchBrowser, screenshotPath, startAppServer, USER_AGENT, type AppServer } from "./browser";

const required = Boolean(process.env.CI);
if (!chromiumAvailable && required) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);

describe.skipIf(!chromiumAvailable)("demo pages in a real browser", () => {
  let server: AppServer;
  let browser: Browser;
  let orders = 0;

  beforeAll(async () => {
    ({ orders } = await loadDemoStore({ asOf: Date.UTC(2026, 10, 1), orders: 3000, seed: "browser-test" }, { fresh: true }));
    server = await startAppServer({
      DATABASE_URL: testDatabaseUrl(),
      DEMO_MODE: "1",
      SHOPIFY_API_KEY: "test-api-key",
      SHOPIFY_API_SECRET: "test-api-secret",
      SHOPIFY_APP_URL: "http://127.0.0.1",
    });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the store overview of the generated store", async () => {
    const page = await browser.newPage({ userAgent: USER_AGENT, viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/demo`, { waitUntil: "load", timeout: 120_000 });
    await page.getByRole("heading", { name: "Store overview" }).waitFor({ timeout: 60_000 }).catch(async (e) => {
      throw new Error(`${e.message}\n--- page text ---\n${(await page.locator("body").innerText()).slice(0, 2000)}`);
    });
    const body = await page.locator("body").innerText();
    expect(body).toContain(orders.toLocaleString("en-US"));
    expect(body).toContain("Sales channels");
    expect(body).toContain("Demo store");
    await page.screenshot({ path: screenshotPath("demo-overview"), fullPage: true });
    expect(errors).toEqual([]);
  }, 180_000);
});
