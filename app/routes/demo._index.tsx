import { useLoaderData } from "@remix-run/react";
import { demoPage } from "../services/page-loader.server";
import { loadDashboard } from "../data/dashboard-page.server";
import { DashboardPage } from "../pages/dashboard/DashboardPage";
import { PageErrorBoundary } from "../components/PageErrorBoundary";

export const loader = demoPage(loadDashboard);

export default function DemoDashboard() {
  return <DashboardPage data={useLoaderData<typeof loader>()} />;
}

export const ErrorBoundary = PageErrorBoundary;
