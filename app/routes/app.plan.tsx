import { useLoaderData } from "@remix-run/react";
import { adminPage } from "../services/page-loader.server";
import { loadPlan } from "../data/plan-page.server";
import { PlanPage } from "../pages/plan/PlanPage";
import { PageErrorBoundary } from "../components/PageErrorBoundary";
import planStyles from "../pages/plan/plan.css?url";

export const links = () => [{ rel: "stylesheet", href: planStyles }];

export const loader = adminPage(loadPlan);

export default function Plan() {
  return <PlanPage data={useLoaderData<typeof loader>()} />;
}

export const ErrorBoundary = PageErrorBoundary;
