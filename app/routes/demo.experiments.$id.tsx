import type { ActionFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireDemoMode } from "../services/demo.server";
import { demoPage } from "../services/page-loader.server";
import { demoNow, experimentAction, loadExperimentPage } from "../components/experiments/experiments-page.server";
import { ExperimentDetailPage } from "../components/experiments/ExperimentDetailPage";
import { PageErrorBoundary } from "../components/PageErrorBoundary";

export const loader = demoPage(async (shop, { params }) => loadExperimentPage(shop, params.id ?? "", await demoNow(shop)));

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const shop = requireDemoMode();
  return experimentAction(shop, params.id ?? "", request, await demoNow(shop), "/demo");
};

export default function Experiment() {
  return <ExperimentDetailPage data={useLoaderData<typeof loader>()} error={useActionData<typeof action>()?.error} />;
}

export const ErrorBoundary = PageErrorBoundary;
