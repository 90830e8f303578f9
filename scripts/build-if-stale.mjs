// Runs `remix vite:build` when build/ is missing or older than any file under app/ (or the configs).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((e) => newest(join(path, e))));
}
const built = "build/server/index.js";
const sources = ["app", "vite.config.ts", "package.json"].filter(existsSync);
if (!existsSync(built) || statSync(built).mtimeMs < Math.max(...sources.map(newest))) {
  const res = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit" });
  process.exit(res.status ?? 1);
}
