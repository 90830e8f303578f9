/** Segments: RFM grid and named segments, seed and delivery-behaviour segments, stated preferences. */
import { useState } from "react";
import { useNavigate, Link as RemixLink } from "@remix-run/react";
import { BlockStack, Box, Button, Card, DataTable, EmptyState, InlineStack, Layout, List, Page, Text, TextField } from "@shopify/polaris";
import type { SegmentRow, SegmentsData } from "../../data/segments-page.server";
import { AnalysisStatusBanner } from "../../components/AnalysisStatusBanner";
import { ConfidenceBadge } from "../../components/ConfidenceBadge";
import { ShareBars } from "../../components/ShareBars";
import { useBasePath } from "../../components/base-path";
import { formatMoney, formatNumber, formatPercent } from "../../lib/format";
import type { PreferenceCoverage } from "../../engine/analyze/segment-analysis";

const money = (v: number | null, currency: string) => (v === null || !Number.isFinite(v) ? "—" : formatMoney(v, currency));
const pct = (v: number | null) => (v === null || !Number.isFinite(v) ? "—" : formatPercent(v));

function SegmentTable({ title, intro, rows, currency, horizon, caveats = [] }: { title: string; intro: string; rows: SegmentRow[]; currency: string; horizon: number; caveats?: string[] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        <Text as="p" tone="subdued">
          {intro}
        </Text>
        <DataTable
          columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric"]}
          headings={["Segment", "Customers", "Revenue share", "Repeat rate", `Expected orders (${horizon} mo)`, `Predicted CLV (${horizon} mo)`, "Predicted margin"]}
          rows={rows.map((r) => [
            r.label,
            `${formatNumber(r.customers)} (${pct(r.customerShare)})`,
            pct(r.revenueShare),
            pct(r.repeatRate),
            r.averageExpectedOrders === null ? "—" : r.averageExpectedOrders.toFixed(2),
            money(r.averagePredictedClv, currency),
            money(r.meanPredictedMargin, currency),
          ])}
        />
        <Text as="p" variant="bodySm" tone="subdued">
          Repeat rate is the share with two or more purchase days, so it is 100% by definition for
          segments whose rule needs repeat orders. Expected orders is the model&apos;s (BG/NBD) average
          number of further orders per customer, which does separate those segments. (The model&apos;s
          P(alive) is not shown: BG/NBD puts it at 100% for every one-time buyer.)
        </Text>
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            Rules
          </Text>
          {rows.map((r) => (
            <Text key={r.segment} as="p" variant="bodySm">
              <b>{r.label}:</b> {r.rule}
            </Text>
          ))}
        </BlockStack>
        {caveats.length > 0 ? (
          <List type="bullet">
            {caveats.map((c) => (
              <List.Item key={c}>{c}</List.Item>
            ))}
          </List>
        ) : null}
      </BlockStack>
    </Card>
  );
}

function RfmGrid({ grid }: { grid: number[][] }) {
  if (grid.length === 0) return null;
  const max = Math.max(1, ...grid.flat());
  return (
    <table style={{ borderCollapse: "separate", borderSpacing: 4, tableLayout: "fixed", width: "100%", maxWidth: 640 }} aria-label="Customers by recency score (rows) and frequency-and-spend score (columns)">
      <thead>
        <tr>
          <th scope="col" style={{ textAlign: "left", padding: 6, width: 170 }}>
            Recency ↓ · Frequency & spend →
          </th>
          {[1, 2, 3, 4, 5].map((fm) => (
            <th key={fm} scope="col" style={{ padding: 6 }}>
              {fm}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.map((row, i) => (
          <tr key={i}>
            <th scope="row" style={{ textAlign: "left", padding: 6 }}>
              {5 - i}
            </th>
            {row.map((n, j) => (
              <td
                key={j}
                style={{ padding: 10, textAlign: "center", background: `rgba(0, 91, 211, ${(0.08 + 0.6 * (n / max)).toFixed(2)})`, color: n / max > 0.6 ? "white" : "inherit", borderRadius: 4 }}
              >
                {formatNumber(n)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Preferences({ p }: { p: PreferenceCoverage }) {
  const verdict = (k: "speed" | "cost" | "balanced", label: string) => {
    const a = p.agreement[k];
    return [label, formatNumber(a.stated), formatNumber(a.agrees), formatNumber(a.disagrees), pct(a.agreementRate)];
  };
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Delivery preferences customers told you
        </Text>
        <Text as="p">
          {formatNumber(p.customersWithAnswers)} customers ({pct(p.customerShare)}) answered the delivery questions at checkout, on{" "}
          {formatNumber(p.ordersWithAnswers)} orders ({pct(p.orderShare)}).
        </Text>
        <Text as="h3" variant="headingSm">
          Do stated preferences match what they buy?
        </Text>
        <DataTable
          columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
          headings={["Said they prefer", "Customers", "Buy accordingly", "Buy otherwise", "Agreement"]}
          rows={[verdict("speed", "Speed over cost"), verdict("cost", "Lower cost over speed"), verdict("balanced", "A balance")]}
        />
      </BlockStack>
    </Card>
  );
}

function CustomerLookup() {
  const base = useBasePath();
  const navigate = useNavigate();
  const [id, setId] = useState("");
  const numeric = id.trim().replace(/^gid:\/\/shopify\/Customer\//, "");
  const valid = /^\d{1,20}$/.test(numeric);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) navigate(`${base}/segments/${numeric}`);
      }}
    >
      <InlineStack gap="200" blockAlign="end">
        <Box minWidth="320px">
          <TextField
            label="Shopify customer ID"
            value={id}
            onChange={setId}
            autoComplete="off"
            helpText="The number in the customer's admin URL, or their gid."
            error={id.trim() !== "" && !valid ? "Enter the numeric customer ID, e.g. 7300000000001." : undefined}
          />
        </Box>
        <Button submit disabled={!valid}>
          Show customer
        </Button>
      </InlineStack>
    </form>
  );
}

export function SegmentsPage({ data }: { data: SegmentsData }) {
  const base = useBasePath();
  if (data.customers === 0) {
    return (
      <Page title="Segments">
        <BlockStack gap="400">
          <AnalysisStatusBanner status={data.status} />
          <Card>
            <EmptyState heading="No customers to segment yet" image="">
              <p>Segments appear once identified customers have ordered (guest checkouts cannot be followed).</p>
            </EmptyState>
          </Card>
        </BlockStack>
      </Page>
    );
  }
  const { currency } = data;
  const horizon = data.horizonMonths;
  return (
    <Page title="Segments" subtitle={`${formatNumber(data.customers)} customers with orders`}>
      <Layout>
        <Layout.Section>
          <AnalysisStatusBanner status={data.status} />
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between">
                <Text as="h2" variant="headingMd">
                  RFM grid
                </Text>
                <ConfidenceBadge confidence={data.rfm.confidence} source="data" caveats={data.rfm.caveats} />
              </InlineStack>
              <Text as="p" tone="subdued">
                Customers scored 1–5 on how recently they bought (rows) and on how often and how much (columns), against the other
                customers of your store.
              </Text>
              <RfmGrid grid={data.rfm.grid} />
              <Text as="h3" variant="headingSm">
                Share of customers and of revenue per segment
              </Text>
              <ShareBars
                series={["Customers", "Revenue"]}
                rows={data.rfm.rows.map((r) => ({ label: r.label, values: [r.customerShare ?? 0, r.revenueShare ?? 0] }))}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <SegmentTable title="RFM segments" intro="Named groups of the grid above." rows={data.rfm.rows} currency={currency} horizon={horizon} caveats={data.rfm.caveats} />
        </Layout.Section>
        <Layout.Section>
          <SegmentTable
            title="Delivery-behaviour segments"
            intro="From the shipping customers choose and what they told you at checkout. A customer can be in several."
            rows={data.behaviour.rows}
            currency={currency}
            horizon={horizon}
          />
        </Layout.Section>
        <Layout.Section>
          <SegmentTable
            title="Seed segments for the plan"
            intro="The starting segments of your LTV plan: new, VIP, dormant, price-sensitive, return risk and margin tiers."
            rows={data.seed.rows}
            currency={currency}
            horizon={horizon}
            caveats={data.seed.caveats}
          />
        </Layout.Section>
        {data.preferences ? (
          <Layout.Section>
            <Preferences p={data.preferences} />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Look at one customer
              </Text>
              <Text as="p" tone="subdued">
                Why a customer is in each segment, by Shopify customer ID (Second Order keeps no names or contact details).
              </Text>
              <CustomerLookup />
              <Text as="h3" variant="headingSm">
                Highest predicted value
              </Text>
              <DataTable
                columnContentTypes={["text", "numeric", "numeric", "numeric", "text"]}
                headings={["Customer ID", "Orders", "Net spend", `Predicted CLV (${horizon} mo)`, "RFM segment"]}
                rows={data.topCustomers.map((c) => {
                  const id = c.customerId.split("/").pop() ?? c.customerId;
                  return [
                    <RemixLink key={id} to={`${base}/segments/${id}`}>
                      {id}
                    </RemixLink>,
                    formatNumber(c.orders),
                    money(c.netSpend, currency),
                    money(c.predictedClv, currency),
                    c.segments.find((m) => m.family === "rfm")?.label ?? "—",
                  ];
                })}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
