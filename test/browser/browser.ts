/** Real-browser helpers: Debian's Chromium driven by playwright-core, and the app's dev server. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOT_DIR = "artifacts/screenshots";
export const chromiumAvailable = existsSync(CHROMIUM);

/** A desktop Chrome user agent: authenticate.admin answers bots (incl. HeadlessChrome) with 410. */
export const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return `${SCREENSHOT_DIR}/${name}.png`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface AppServer {
  url: string;
  stop(): Promise<void>;
}

/** Builds the app unless build/ is newer than every source file (CI builds before testing). */
function ensureBuild() {
  const res = spawnSync("node", ["scripts/build-if-stale.mjs"], { stdio: "inherit" });
  if (res.status !== 0) throw new Error("remix vite:build failed");
}

/** Serves the built app in demo mode (scripts/serve.mjs) on a free port and waits until it answers. */
export async function startAppServer(env: Record<string, string>): Promise<AppServer> {
  ensureBuild();
  const port = await freePort();
  const child: ChildProcess = spawn("node", ["scripts/serve.mjs", String(port)], {
    env: { ...process.env, ...env, NODE_ENV: "development" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dev server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`dev server did not start within 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
      await new Promise((r) => setTimeout(r, 200));
    },
  };
}

/** Under CI a missing Chromium is a failure, not a skip. Call at module level of each browser test. */
export function requireChromiumInCi(): void {
  if (!chromiumAvailable && process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
}

/** The built app in demo mode on the test database (the demo store must be loaded first). */
export function startDemoServer(databaseUrl: string): Promise<AppServer> {
  return startAppServer({
    DATABASE_URL: databaseUrl,
    DEMO_MODE: "1",
    SHOPIFY_API_KEY: "test-api-key",
    SHOPIFY_API_SECRET: "test-api-secret",
    SHOPIFY_APP_URL: "http://127.0.0.1",
  });
}
