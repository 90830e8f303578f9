/**
 * /app/sync: GET answers the history sync's progress as JSON (the dashboard polls it); POST starts
 * a sync ("Sync now") unless one is running, and takes its first step at once so the bulk export
 * starts without waiting for the job runner. Both need the embedded admin's session token.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { advanceSync, requestSync } from "../services/bulk-sync.server";
import { getSyncProgress } from "../services/sync-progress.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return Response.json({ progress: await getSyncProgress(session.shop) });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return new Response(null, { status: 405, headers: { Allow: "POST" } });
  const { session, admin } = await authenticate.admin(request);
  const run = await requestSync(session.shop, "manual", new Date());
  if (run.step === "start" && run.status === "queued") await advanceSync(run.id, { graphql: admin.graphql });
  return Response.json({ progress: await getSyncProgress(session.shop) }, { status: 202 });
};
