import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { demoPage } from "../services/page-loader.server";
import { requireDemoMode } from "../services/demo.server";
import { loadStepPage, stepAction, stepParam } from "../data/steps-page.server";
import { StepPage } from "../pages/steps/StepPage";
import { PageErrorBoundary } from "../components/PageErrorBoundary";
import { stepLinks } from "../pages/steps/links";

export const links = stepLinks;

export const loader = demoPage((shop, { params }: LoaderFunctionArgs) => loadStepPage(shop, stepParam(params.step), new Date()));

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const shop = requireDemoMode();
  const result = await stepAction(shop, stepParam(params.step), await request.formData(), "/demo");
  return result.kind === "redirect" ? redirect(result.to) : result;
};

export default function DemoStep() {
  const data = useLoaderData<typeof loader>();
  return <StepPage key={data.step} data={data} result={useActionData<typeof action>()} basePath="/demo" />;
}

export const ErrorBoundary = PageErrorBoundary;
