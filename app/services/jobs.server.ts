/**
 * The in-process job runner: on an interval it drains the webhook queue and advances the history
 * syncs that are due, so the webhook route only records and answers. Safe to run in several
 * processes at once: every unit of work is claimed with a lease (job-lease.server.ts).
 */
import { randomUUID } from "node:crypto";
import type { AdminGraphqlFn } from "../shopify/admin-graphql.server";
import { advanceSync, dueSyncs } from "./bulk-sync.server";
import { processWebhookQueue } from "./webhook-queue.server";
import { refreshStaleAnalyses } from "../data/store-analysis.server";
import { purgeExpiredShops } from "./shop-lifecycle.server";

export interface JobDeps {
  graphqlFor: (shop: string) => Promise<AdminGraphqlFn>;
  now?: () => Date;
  holder?: string;
}

export interface TickResult {
  webhooksProcessed: number;
  webhooksFailed: number;
  syncsAdvanced: number;
  analysesRefreshed: number;
  shopsPurged: number;
}

/** One pass over everything due. */
export async function runJobsOnce(deps: JobDeps): Promise<TickResult> {
  const now = deps.now ?? (() => new Date());
  const queue = await processWebhookQueue({ graphqlFor: deps.graphqlFor, now, holder: deps.holder });
  let syncsAdvanced = 0;
  for (const run of await dueSyncs(now())) {
    try {
      const graphql = await deps.graphqlFor(run.shop);
      if (await advanceSync(run.id, { graphql, now, holder: deps.holder })) syncsAdvanced++;
    } catch (e) {
      // No offline session (uninstalled shop): the run waits; the purge removes it with the shop.
      console.warn(`[jobs] sync ${run.id} for ${run.shop} not advanced: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  // After the queue and the syncs, so a refresh sees the orders they just wrote.
  const analyses = await refreshStaleAnalyses(now(), deps.holder);
  for (const f of analyses.failed) console.warn(`[jobs] analysis for ${f.shop} failed: ${f.error}`);
  // Uninstalled shops whose 48 h grace passed without a shop/redact (a missed delivery).
  const purged = await purgeExpiredShops(now());
  return {
    webhooksProcessed: queue.processed,
    webhooksFailed: queue.failed,
    syncsAdvanced,
    analysesRefreshed: analyses.refreshed.length,
    shopsPurged: purged.length,
  };
}

export interface JobRunner {
  stop(): Promise<void>;
}

/** Starts the interval; ticks never overlap (a slow import just delays the next tick). */
export function startJobRunner(deps: JobDeps, intervalMs = 2_000): JobRunner {
  const holder = deps.holder ?? `runner-${randomUUID()}`;
  let current: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    current = runJobsOnce({ ...deps, holder })
      .catch((e: unknown) => console.error("[jobs] tick failed", e))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
