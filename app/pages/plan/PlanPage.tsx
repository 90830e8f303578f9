/** The LTV Improvement Plan: readable here, downloadable as Markdown, printable. */
import { useState } from "react";
import { Banner, BlockStack, Card, DataTable, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import type { PlanData } from "../../data/plan-page.server";
import { AnalysisStatusBanner } from "../../components/AnalysisStatusBanner";
import { ConfidenceBadge } from "../../components/ConfidenceBadge";
import { MarkdownView } from "../../components/MarkdownView";
import { useBasePath } from "../../components/base-path";
import { formatDate } from "../../lib/format";

/** Fetches the file (inside Shopify, App Bridge adds the session token to fetch) and saves it. */
async function download(url: string): Promise<void> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`The server answered ${res.status}.`);
  const name = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "")?.[1] ?? "ltv-improvement-plan.md";
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(href);
}

export function PlanPage({ data }: { data: PlanData }) {
  const base = useBasePath();
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const plan = data.plan;
  if (plan === null) {
    return (
      <Page title="LTV Improvement Plan">
        <BlockStack gap="400">
          <AnalysisStatusBanner status={data.status} />
          <Card>
            <EmptyState heading="Your plan appears once your orders are analysed" image="">
              <p>The plan is written from your own order history, so it needs the first analysis to finish.</p>
            </EmptyState>
          </Card>
        </BlockStack>
      </Page>
    );
  }
  return (
    <Page
      title="LTV Improvement Plan"
      subtitle={`As of ${formatDate(new Date(plan.asOf).toISOString())}${plan.answersUsed.length ? ` · uses your answers: ${plan.answersUsed.join(", ")}` : " · answer the guided steps to fill in what data cannot tell"}`}
      primaryAction={{
        content: "Download Markdown",
        loading: downloading,
        onAction: () => {
          setDownloading(true);
          setError(null);
          download(`${base}/plan.md`)
            .catch((e: Error) => setError(e.message))
            .finally(() => setDownloading(false));
        },
      }}
      secondaryActions={[{ content: "Print", onAction: () => window.print() }]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <AnalysisStatusBanner status={data.status} />
            {error ? (
              <Banner tone="critical" title="The download failed" onDismiss={() => setError(null)}>
                <p>{error} Try again.</p>
              </Banner>
            ) : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <Card>
            {/* The page header already carries the document title. */}
            <MarkdownView markdown={plan.markdown.replace(/^# [^\n]*\n+/, "")} />
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Where each headline figure comes from
              </Text>
              <DataTable
                columnContentTypes={["text", "text"]}
                headings={["Figure", "Source and confidence"]}
                rows={plan.figures.map((f) => [f.figure, <ConfidenceBadge key={f.figure} confidence={f.confidence} source={f.source} />])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
