import type { ActionFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireDemoMode } from "../services/demo.server";
import { demoPage } from "../services/page-loader.server";
import { demoNow, experimentsAction, loadExperimentsPage, seedDemoExperiment } from "../components/experiments/experiments-page.server";
import { ExperimentsPage } from "../components/experiments/ExperimentsPage";
import { PageErrorBoundary } from "../components/PageErrorBoundary";

export const loader = demoPage(async (shop) => {
  const now = await demoNow(shop);
  await seedDemoExperiment(shop, now);
  return loadExperimentsPage(shop, now);
});

export const action = async ({ request }: ActionFunctionArgs) => {
  const shop = requireDemoMode();
  return experimentsAction(shop, request, await demoNow(shop), "/demo");
};

export default function Experiments() {
  return <ExperimentsPage data={useLoaderData<typeof loader>()} errors={useActionData<typeof action>()?.errors} />;
}

export const ErrorBoundary = PageErrorBoundary;
