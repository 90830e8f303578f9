import { useLoaderData } from "@remix-run/react";
import { adminPage } from "../services/page-loader.server";
import { loadDashboard } from "../data/dashboard-page.server";
import { DashboardPage } from "../pages/dashboard/DashboardPage";
import { PageErrorBoundary } from "../components/PageErrorBoundary";

export const loader = adminPage(loadDashboard);

export default function Dashboard() {
  return <DashboardPage data={useLoaderData<typeof loader>()} />;
}

export const ErrorBoundary = PageErrorBoundary;
