/** Dashboard: sync status, headline figures with trend and confidence, the biggest delivery friction. */
import { Badge, BlockStack, Box, Card, EmptyState, InlineGrid, InlineStack, Layout, Page, ProgressBar, Text } from "@shopify/polaris";
import type { DashboardData, HeadlineCard } from "../../data/dashboard-page.server";
import type { SyncProgress } from "../../services/sync-progress.server";
import { AnalysisStatusBanner } from "../../components/AnalysisStatusBanner";
import { ConfidenceBadge } from "../../components/ConfidenceBadge";
import { TrendChart } from "../../components/TrendChart";
import { formatRange, formatValue } from "../../components/figures";
import { formatDate, formatNumber } from "../../lib/format";

function SyncCard({ sync }: { sync: SyncProgress }) {
  const total = sync.recordsTotal;
  const progress = total ? Math.min(100, (100 * sync.recordsDone) / total) : sync.status === "completed" ? 100 : 0;
  const label =
    sync.status === "completed"
      ? `Order history synced: ${formatNumber(sync.recordsDone)} records.`
      : sync.status === "failed"
        ? `The sync stopped: ${sync.error ?? "unknown error"}. It resumes from where it stopped.`
        : total
          ? `Importing your order history: ${formatNumber(sync.recordsDone)} of ${formatNumber(total)} records` +
            (sync.etaSeconds !== null ? `, about ${Math.max(1, Math.round(sync.etaSeconds / 60))} min left.` : ".")
          : sync.step === "waiting"
            ? "Shopify is preparing your order export…"
            : `Importing your order history: ${formatNumber(sync.recordsDone)} records so far.`;
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingMd">
            Sync status
          </Text>
          <Badge tone={sync.status === "completed" ? "success" : sync.status === "failed" ? "critical" : "attention"}>
            {sync.status === "completed" ? "Up to date" : sync.status === "failed" ? "Stopped" : "In progress"}
          </Badge>
        </InlineStack>
        <ProgressBar progress={progress} size="small" animated={false} tone={sync.status === "failed" ? "critical" : "highlight"} aria-labelledby="sync-label" />
        <Text as="p" id="sync-label" tone="subdued">
          {label}
          {sync.failuresPending > 0 ? ` ${sync.failuresPending} step(s) wait for a retry.` : ""}
        </Text>
      </BlockStack>
    </Card>
  );
}

function trendText(card: HeadlineCard): string {
  const t = card.trend;
  if (t === null) return card.noTrend ?? "No trend.";
  if (t.change === null) return "Not enough months yet for a trend.";
  const unit = card.unit === "share" ? "points" : "";
  const size = `${(Math.abs(t.change) * 100).toFixed(1)} ${unit}`.trim();
  if (!t.clear) return `Last 3 months vs the 3 before: no clear change (${t.change >= 0 ? "+" : "−"}${size}, within chance).`;
  const up = t.change > 0;
  const good = (up && card.better === "higher") || (!up && card.better === "lower");
  return `Last 3 months vs the 3 before: ${up ? "up" : "down"} ${size} (${good ? "better" : "worse"}).`;
}

function FigureCard({ card, currency }: { card: HeadlineCard; currency: string }) {
  const f = card.figure;
  const range = formatRange(f.low, f.high, card.unit, currency);
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm" tone="subdued">
          {card.label}
        </Text>
        <Text as="p" variant="heading2xl">
          {formatValue(f.value, card.unit, currency)}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {f.value === null ? (f.caveats?.[0] ?? "Not enough data yet.") : `${range ? `Range ${range}, ` : ""}based on ${formatNumber(f.n)} ${card.nUnit}.`}
        </Text>
        <ConfidenceBadge confidence={f.confidence} source={f.source} caveats={f.caveats} />
        {card.trend && card.trend.points.length >= 2 ? (
          <BlockStack gap="100">
            <Text as="p" variant="bodySm" tone="subdued">
              Trend: {card.trend.label.charAt(0).toLowerCase() + card.trend.label.slice(1)}
            </Text>
            <TrendChart label={card.trend.label} points={card.trend.points} />
          </BlockStack>
        ) : null}
        <Text as="p" variant="bodySm" tone="subdued">
          {trendText(card)}
        </Text>
      </BlockStack>
    </Card>
  );
}

export function DashboardPage({ data }: { data: DashboardData }) {
  const { status, sync, counts } = data;
  const syncing = sync !== null && (sync.status === "running" || sync.status === "queued");
  if (data.headline.length === 0 || counts === null || counts.orders === 0) {
    return (
      <Page title="Dashboard">
        <BlockStack gap="400">
          {sync ? <SyncCard sync={sync} /> : null}
          <AnalysisStatusBanner status={status} />
          <Card>
            <EmptyState heading={syncing || status.stale ? "Your orders are on their way" : "No orders to analyse yet"} image="">
              <p>
                {syncing || status.stale
                  ? "Second Order is importing and analysing your order history. This page fills in as soon as the first analysis is ready."
                  : "Once your store has orders, this page shows your repeat rate, delivery performance and predicted customer value."}
              </p>
            </EmptyState>
          </Card>
        </BlockStack>
      </Page>
    );
  }
  const friction = data.friction;
  return (
    <Page title="Dashboard" subtitle={`${formatNumber(counts.orders)} orders from ${formatNumber(counts.customers)} customers, ${formatDate(counts.firstOrderAt ? new Date(counts.firstOrderAt).toISOString() : null)} – ${formatDate(counts.lastOrderAt ? new Date(counts.lastOrderAt).toISOString() : null)}`}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <AnalysisStatusBanner status={status} />
            {sync ? <SyncCard sync={sync} /> : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  Biggest delivery friction
                </Text>
                {friction ? <ConfidenceBadge confidence={friction.confidence} source="data" /> : null}
              </InlineStack>
              {friction ? (
                <>
                  <Text as="p" variant="headingLg">
                    {friction.label}: {formatValue(friction.revenueAtStake.value, "money", data.currency)} a year in repeat revenue at stake
                  </Text>
                  <Text as="p">{friction.sentence}</Text>
                </>
              ) : (
                <Text as="p">{data.frictionSentence ?? "No delivery problem stands out in your data yet."}</Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Box paddingBlockEnd="400">
            <InlineGrid columns={{ xs: 1, sm: 2, lg: 4 }} gap="400">
              {data.headline.map((card) => (
                <FigureCard key={card.key} card={card} currency={data.currency} />
              ))}
            </InlineGrid>
          </Box>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
