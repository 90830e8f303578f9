// Serves the built app (build/) outside production, for the demo and the browser tests.
// remix-serve cannot: with NODE_ENV=development it waits for a Vite dev server, and with
// NODE_ENV=production demo mode is (rightly) refused. Usage: node scripts/serve.mjs [port]
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

if (process.env.NODE_ENV === "production") {
  console.error("scripts/serve.mjs is for demo and tests; use `npm start` (remix-serve) in production.");
  process.exit(1);
}
const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const build = await import(pathToFileURL(resolve("build/server/index.js")).href);

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: "development" }));
app.listen(port, host, () => console.log(`[serve] http://${host === "127.0.0.1" ? "localhost" : host}:${port}`));
