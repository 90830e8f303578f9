/** One experiment: start/stop, the verdict, per-variant results with intervals, and the split check. */
import { Form, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, DataTable, InlineStack, Layout, List, Page, Text } from "@shopify/polaris";
import { DELIVERY_VARIABLES, METRIC_LABELS, SRM_ALPHA } from "../../engine/experiments";
import { formatDate, formatNumber, formatPercent } from "../../lib/format";
import { useBasePath } from "../base-path";
import type { ExperimentPageData } from "./experiments-page.server";
import { StatusBadge } from "./StatusBadge";

const pct = (v: number | null) => (v === null ? "—" : formatPercent(v));
const points = (v: number | null) => (v === null ? "—" : `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(1)}`);
const interval = (low: number | null, high: number | null) => (low === null || high === null ? "—" : `${points(low)} to ${points(high)}`);
const pValue = (p: number | null) => (p === null ? "—" : p < 0.001 ? "< 0.001" : p.toFixed(3));
const rate = (x: number, n: number) => (n > 0 ? x / n : null);

function ActionButton({ intent, label, tone, variant }: { intent: "start" | "stop" | "delete"; label: string; tone?: "critical"; variant?: "primary" | "plain" }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <Button submit tone={tone} variant={variant} loading={busy}>
        {label}
      </Button>
    </Form>
  );
}

function Actions({ status }: { status: ExperimentPageData["experiment"]["status"] }) {
  if (status === "stopped") return null;
  return status === "draft" ? (
    <InlineStack gap="300" blockAlign="center">
      <ActionButton intent="start" label="Start experiment" variant="primary" />
      <ActionButton intent="delete" label="Delete draft" tone="critical" variant="plain" />
    </InlineStack>
  ) : (
    <ActionButton intent="stop" label="Stop enrolment" tone="critical" />
  );
}

export function ExperimentDetailPage({ data, error }: { data: ExperimentPageData; error?: string }) {
  const base = useBasePath();
  const { experiment: e, analysis: a } = data;
  const d = e.definition;
  const variable = DELIVERY_VARIABLES[d.variable];
  const units = d.unit === "customer" ? "Customers" : "Orders";
  const metric = METRIC_LABELS[d.primaryMetric](d.windowDays);
  const tone = e.status === "draft" ? "info" : a.verdict.tone;
  return (
    <Page backAction={{ content: "Experiments", url: `${base}/experiments` }} title={e.name} titleMetadata={<StatusBadge status={e.status} />} subtitle={`${variable.label} · ${metric}`}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {error ? (
              <Banner tone="critical" title="That did not work">
                <p>{error}</p>
              </Banner>
            ) : null}
            {e.status === "draft" ? (
              <Banner tone="info" title="Draft: not enrolling yet">
                <p>Start it to enrol new {d.unit === "customer" ? "customers as their first orders arrive" : "orders as they arrive"}. Only one experiment can run on the same customers at a time.</p>
              </Banner>
            ) : (
              <Banner tone={tone} title={a.verdict.headline}>
                <List type="bullet">
                  {a.verdict.details.map((x) => (
                    <List.Item key={x}>{x}</List.Item>
                  ))}
                </List>
              </Banner>
            )}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Results by variant
                </Text>
                <Text as="p" tone="subdued">
                  Rates count {units.toLowerCase()} followed for the full {d.windowDays} days. &ldquo;Kept&rdquo; means no refund or return within the window. The reorder chance within {d.windowDays} days (Kaplan–Meier) also uses newer{" "}
                  {units.toLowerCase()}, up to the day they have been followed.
                </Text>
                <DataTable
                  columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
                  headings={["Variant", units, `Followed ${d.windowDays} d`, `Reordered ≤ ${d.windowDays} d`, "Kept", "Reorder chance"]}
                  rows={a.variants.map((v) => [
                    v.label,
                    formatNumber(v.units),
                    formatNumber(v.matured),
                    `${pct(rate(v.repeats, v.matured))} (${formatNumber(v.repeats)})`,
                    pct(rate(v.kept, v.matured)),
                    pct(v.reorderWithinWindow),
                  ])}
                />
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Difference from the control
                </Text>
                <Text as="p" tone="subdued">
                  Treatment minus control, in percentage points, with 95% confidence intervals. A treatment counts as different when p is below {a.comparisonAlpha.toFixed(3).replace(/0+$/, "")}.
                </Text>
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "text", "numeric"]}
                  headings={["Variant", "Metric", "Difference (points)", "95% interval", "p"]}
                  rows={a.comparisons.flatMap((c) => {
                    const label = a.variants.find((v) => v.key === c.variant)?.label ?? c.variant;
                    return [
                      [label, `Second order within ${d.windowDays} days`, points(c.repeat.difference), interval(c.repeat.low, c.repeat.high), pValue(c.repeat.pValue)],
                      [label, "Reorder chance (log-rank test)", points(c.survival.difference), interval(c.survival.low, c.survival.high), pValue(c.survival.logRank.pValue)],
                      [label, "Kept, no refund or return", points(c.kept.difference), interval(c.kept.low, c.kept.high), pValue(c.kept.pValue)],
                    ];
                  })}
                />
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Experiment
                </Text>
                <Actions status={e.status} />
                <Text as="p">{d.hypothesis}</Text>
                <List type="bullet">
                  <List.Item>Each {d.unit} gets one variant: {d.variants.map((v) => v.label).join(", ")}.</List.Item>
                  <List.Item>
                    Sized for a {(d.mde * 100).toFixed(1)}-point lift, significance {d.alpha}, power {Math.round(d.power * 100)}%:{" "}
                    {d.plannedPerVariant === null ? "not sized" : `${formatNumber(d.plannedPerVariant)} per variant`}.
                  </List.Item>
                  <List.Item>
                    Who enters: {d.audience.shippingSpeeds?.length ? `${d.audience.shippingSpeeds.join(", ")} shipping` : "every shipping speed"}
                    {d.audience.regions?.length ? `, to ${d.audience.regions.join(", ")}` : ""}.
                  </List.Item>
                  <List.Item>
                    Started {formatDate(e.startedAt)}, stopped {formatDate(e.stoppedAt)}; read on {formatDate(data.asOf)}.
                  </List.Item>
                </List>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Split check
                </Text>
                <Text as="p">
                  {a.srm.counts.map((c, i) => `${formatNumber(c)} ${a.variants[i].label.toLowerCase()}`).join(" vs ")} (expected {formatNumber(Math.round(a.srm.expected[0]))} each).
                </Text>
                <Box>
                  <Text as="p" tone={a.srm.mismatch ? "critical" : "success"}>
                    {a.srm.mismatch
                      ? `Sample ratio mismatch (χ² = ${a.srm.chiSquare.toFixed(1)}, p ${pValue(a.srm.pValue)}): do not trust this result.`
                      : `Split as planned (χ² = ${a.srm.chiSquare.toFixed(2)}, p = ${a.srm.pValue.toFixed(2)}; alarm below ${SRM_ALPHA}).`}
                  </Text>
                </Box>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
