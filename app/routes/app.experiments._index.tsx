import type { ActionFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { authenticate } from "../shopify.server";
import { adminPage } from "../services/page-loader.server";
import { experimentsAction, loadExperimentsPage } from "../components/experiments/experiments-page.server";
import { ExperimentsPage } from "../components/experiments/ExperimentsPage";
import { PageErrorBoundary } from "../components/PageErrorBoundary";

export const loader = adminPage((shop) => loadExperimentsPage(shop, new Date()));

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return experimentsAction(session.shop, request, new Date(), "/app");
};

export default function Experiments() {
  return <ExperimentsPage data={useLoaderData<typeof loader>()} errors={useActionData<typeof action>()?.errors} />;
}

export const ErrorBoundary = PageErrorBoundary;
