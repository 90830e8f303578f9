import { useLoaderData } from "@remix-run/react";
import { demoPage } from "../services/page-loader.server";
import { loadCustomer } from "../data/segments-page.server";
import { CustomerPage } from "../pages/segments/CustomerPage";
import { PageErrorBoundary } from "../components/PageErrorBoundary";

export const loader = demoPage((shop, { params }) => loadCustomer(shop, params.customerId ?? ""));

export default function Customer() {
  return <CustomerPage data={useLoaderData<typeof loader>()} />;
}

export const ErrorBoundary = PageErrorBoundary;
