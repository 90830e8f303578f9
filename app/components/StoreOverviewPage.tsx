import { BlockStack, Card, DataTable, EmptyState, InlineGrid, Layout, Page, ProgressBar, Text } from "@shopify/polaris";
import type { Breakdown, StoreOverview } from "../data/store-overview.server";
import { formatDate, formatMoney, formatNumber, formatPercent } from "../lib/format";

function Stat({ label, value, help }: { label: string; value: string; help?: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl">
          {value}
        </Text>
        {help ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {help}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

function BreakdownCard({ title, rows, total, currency }: { title: string; rows: Breakdown[]; total: number; currency: string }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {rows.slice(0, 6).map((r) => (
          <BlockStack gap="100" key={r.key}>
            <InlineGrid columns="1fr auto" gap="200">
              <Text as="span">{r.key}</Text>
              <Text as="span" tone="subdued">
                {formatNumber(r.orders)} orders · {formatMoney(r.revenue, currency)}
              </Text>
            </InlineGrid>
            <ProgressBar progress={total ? (100 * r.orders) / total : 0} size="small" animated={false} />
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}

const SPEED_LABELS: Record<string, string> = {
  express: "Express",
  standard: "Standard",
  economy: "Economy",
  pickup: "Pickup in store",
  local: "Local delivery",
  unknown: "Unknown",
};
const labelled = (rows: Breakdown[], labels: Record<string, string>) => rows.map((r) => ({ ...r, key: labels[r.key] ?? r.key }));

/** The first admin page: what has been synced, from where, over which period. */
export function StoreOverviewPage({ overview }: { overview: StoreOverview }) {
  const o = overview;
  if (o.orderCount === 0) {
    return (
      <Page title="Second Order">
        <Card>
          <EmptyState heading="Your order history is on its way" image="">
            <p>
              Second Order is importing your orders. Once they are in, this page shows your delivery journey and repeat
              behaviour.
            </p>
          </EmptyState>
        </Card>
      </Page>
    );
  }
  const activeOrders = o.channels.reduce((s, c) => s + c.orders, 0);
  return (
    <Page title="Store overview" subtitle={`${formatDate(o.firstOrderAt)} – ${formatDate(o.lastOrderAt)}`}>
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
            <Stat label="Orders synced" value={formatNumber(o.orderCount)} />
            <Stat label="Customers" value={formatNumber(o.customerCount)} />
            <Stat
              label="Guest orders"
              value={formatPercent(o.guestOrderCount / o.orderCount)}
              help="Guest checkouts cannot be followed to a second order."
            />
            <Stat label="Channels" value={formatNumber(o.channels.length)} />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
            <BreakdownCard title="Sales channels" rows={o.channels} total={activeOrders} currency={o.currency} />
            <BreakdownCard title="Shipping speed chosen" rows={labelled(o.shippingSpeeds, SPEED_LABELS)} total={activeOrders} currency={o.currency} />
            <BreakdownCard title="Carriers" rows={labelled(o.carriers, { "No carrier": "No carrier (pickup or untracked)" })} total={activeOrders} currency={o.currency} />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <DataTable
              columnContentTypes={["text", "numeric", "numeric", "numeric"]}
              headings={["Channel", "Orders", "Share", "Revenue"]}
              rows={o.channels.map((c) => [
                c.key,
                formatNumber(c.orders),
                formatPercent(c.orders / activeOrders),
                formatMoney(c.revenue, o.currency),
              ])}
            />
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
