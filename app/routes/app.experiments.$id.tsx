import type { ActionFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { authenticate } from "../shopify.server";
import { adminPage } from "../services/page-loader.server";
import { experimentAction, loadExperimentPage } from "../components/experiments/experiments-page.server";
import { ExperimentDetailPage } from "../components/experiments/ExperimentDetailPage";
import { PageErrorBoundary } from "../components/PageErrorBoundary";

export const loader = adminPage((shop, { params }) => loadExperimentPage(shop, params.id ?? "", new Date()));

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return experimentAction(session.shop, params.id ?? "", request, new Date(), "/app");
};

export default function Experiment() {
  return <ExperimentDetailPage data={useLoaderData<typeof loader>()} error={useActionData<typeof action>()?.error} />;
}

export const ErrorBoundary = PageErrorBoundary;
