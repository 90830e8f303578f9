import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { adminPage } from "../services/page-loader.server";
import { authenticate } from "../shopify.server";
import { loadStepPage, stepAction, stepParam } from "../data/steps-page.server";
import { StepPage } from "../pages/steps/StepPage";
import { PageErrorBoundary } from "../components/PageErrorBoundary";
import { stepLinks } from "../pages/steps/links";

export const links = stepLinks;

export const loader = adminPage((shop, { params }: LoaderFunctionArgs) => loadStepPage(shop, stepParam(params.step), new Date()));

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const result = await stepAction(session.shop, stepParam(params.step), await request.formData(), "/app");
  return result.kind === "redirect" ? redirect(result.to) : result;
};

export default function Step() {
  const data = useLoaderData<typeof loader>();
  return <StepPage key={data.step} data={data} result={useActionData<typeof action>()} basePath="/app" />;
}

export const ErrorBoundary = PageErrorBoundary;
