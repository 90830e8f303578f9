import { useLoaderData } from "@remix-run/react";
import { adminPage } from "../services/page-loader.server";
import { loadSegments } from "../data/segments-page.server";
import { SegmentsPage } from "../pages/segments/SegmentsPage";
import { PageErrorBoundary } from "../components/PageErrorBoundary";

export const loader = adminPage(loadSegments);

export default function Segments() {
  return <SegmentsPage data={useLoaderData<typeof loader>()} />;
}

export const ErrorBoundary = PageErrorBoundary;
