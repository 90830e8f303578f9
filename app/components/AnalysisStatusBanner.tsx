/** The state of the stored analysis a page shows: being prepared, out of date, or failed (with retry). */
import { Banner } from "@shopify/polaris";
import { useRevalidator } from "@remix-run/react";
import type { AnalysisStatusView } from "../data/analysis-status";
import { formatDateTime } from "../lib/format";

export function AnalysisStatusBanner({ status }: { status: AnalysisStatusView }) {
  const revalidator = useRevalidator();
  const retry = { content: "Check again", loading: revalidator.state === "loading", onAction: () => revalidator.revalidate() };
  if (status.status === "failed") {
    return (
      <Banner tone="critical" title="The latest analysis could not be completed" action={retry}>
        <p>
          {status.computedAt ? `The figures below are from ${formatDateTime(status.computedAt)}. ` : ""}
          It is retried automatically. Reason: {status.error ?? "unknown"}
        </p>
      </Banner>
    );
  }
  if (status.stale) {
    return (
      <Banner tone="info" title="New orders are being analysed" action={retry}>
        <p>
          {status.computedAt ? `These figures are from ${formatDateTime(status.computedAt)}. ` : ""}
          Customer profiles are already up to date; store-wide figures refresh within a few minutes.
        </p>
      </Banner>
    );
  }
  return null;
}
