// Runs a TypeScript entry point (scripts/*.ts, bench) on Node 22: bundles the app code it imports
// with esbuild (packages stay external) into node_modules/.cache/run-ts/, then imports it.
// Why not --experimental-strip-types: the app's imports have no extensions and use the ~ alias.
import { build } from "esbuild";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/run-ts.mjs <file.ts> [args…]");
  process.exit(1);
}
const outfile = resolve("node_modules/.cache/run-ts", basename(entry).replace(/\.ts$/, ".mjs"));
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  packages: "external",
  alias: { "~": resolve("app") },
  sourcemap: "inline",
  logLevel: "warning",
});
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(outfile).href);
