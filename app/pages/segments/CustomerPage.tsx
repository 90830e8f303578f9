/** One customer, by Shopify customer ID: figures, RFM scores, and why they are in each segment. */
import { Badge, BlockStack, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import type { CustomerData } from "../../data/segments-page.server";
import { AnalysisStatusBanner } from "../../components/AnalysisStatusBanner";
import { useBasePath } from "../../components/base-path";
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent } from "../../lib/format";

const FAMILY = { rfm: "RFM", seed: "Plan segment", behaviour: "Delivery behaviour" } as const;
const BASIS = { observed: "Seen in orders", stated: "Told us at checkout", observed_and_stated: "Seen and told" } as const;

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <BlockStack gap="050">
      <Text as="span" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="headingMd">
        {value}
      </Text>
    </BlockStack>
  );
}

export function CustomerPage({ data }: { data: CustomerData }) {
  const base = useBasePath();
  const c = data.customer;
  const id = c.customerId.split("/").pop() ?? c.customerId;
  const money = (v: number | null) => (v === null ? "—" : formatMoney(v, data.currency));
  return (
    <Page title={`Customer ${id}`} backAction={{ content: "Segments", url: `${base}/segments` }} subtitle={`Profile updated ${formatDateTime(c.updatedAt)}${c.source === "incremental" ? " (after their latest order)" : ""}`}>
      <Layout>
        <Layout.Section>
          <AnalysisStatusBanner status={data.status} />
        </Layout.Section>
        <Layout.Section>
          <Card>
            <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
              <Fact label="Orders" value={formatNumber(c.orders)} />
              <Fact label="Days with a purchase" value={formatNumber(c.purchaseDays)} />
              <Fact label="Net spend" value={money(c.netSpend)} />
              <Fact label="First – last order" value={`${formatDate(c.firstOrderAt)} – ${formatDate(c.lastOrderAt)}`} />
              <Fact label="RFM scores (R F M)" value={c.rfm ? `${c.rfm.r} ${c.rfm.f} ${c.rfm.m}` : "Not scored"} />
              <Fact label="Predicted CLV" value={money(c.predictedClv)} />
              <Fact label="Still active (probability)" value={c.pAlive === null ? "—" : formatPercent(c.pAlive, 0)} />
              <Fact label="Expected repeat orders" value={c.expectedOrders === null ? "—" : c.expectedOrders.toFixed(1)} />
            </InlineGrid>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="400">
            <Text as="h2" variant="headingMd">
              Segments and why
            </Text>
            {c.segments.length === 0 ? (
              <Card>
                <Text as="p">This customer is in no segment yet.</Text>
              </Card>
            ) : (
              c.segments.map((m) => (
                <Card key={`${m.family}:${m.segment}`}>
                  <BlockStack gap="200">
                    <Text as="h3" variant="headingSm">
                      {m.label} <Badge>{FAMILY[m.family]}</Badge> <Badge tone="info">{BASIS[m.basis]}</Badge>
                    </Text>
                    <Text as="p">
                      <b>Why:</b> {m.evidence}
                    </Text>
                    <Text as="p" tone="subdued" variant="bodySm">
                      Rule: {data.rules[`${m.family}:${m.segment}`] ?? "—"}
                    </Text>
                  </BlockStack>
                </Card>
              ))
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
