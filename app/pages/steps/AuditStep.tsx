/** Step 1: the delivery journey as the store's orders show it, then what only the merchant knows. */
import { BlockStack, Card, DataTable, FormLayout, Text } from "@shopify/polaris";
import { formatNumber, formatPercent } from "../../lib/format";
import { ConfidenceBadge } from "../../components/ConfidenceBadge";
import { FormTextField } from "./fields";
import { formatHours } from "./format-hours";
import { RateText, rateText } from "./RateText";
import { StepChart } from "./StepChart";
import type { AuditView, WindowRow } from "./step-view";

function WindowsTable({ title, rows, keyLabel }: { title: string; rows: WindowRow[]; keyLabel: string }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          {title}
        </Text>
        {rows.length === 0 ? (
          <Text as="p" tone="subdued">No shipped orders yet.</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "text"]}
            headings={[keyLabel, "Orders", "Order → fulfilled", "In transit", "Order → delivered", "On time (95% interval)"]}
            rows={rows.map((r) => [r.key, formatNumber(r.orders), formatHours(r.processingHours), formatHours(r.transitHours), formatHours(r.orderToDeliveryHours), <RateText key={r.key} rate={r.onTime} />])}
          />
        )}
        <Text as="p" variant="bodySm" tone="subdued">
          Medians. The largest groups are shown.
        </Text>
      </BlockStack>
    </Card>
  );
}

export function AuditData({ view }: { view: AuditView }) {
  const journey = view.journey.filter((s) => s.milestone !== "ordered");
  const journeySummary = journey.map((s) => `${s.label} ${formatHours(s.medianHoursFromOrder)} after the order`).join("; ");
  const repeat = view.repeatByExperience;
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <Text as="h3" variant="headingSm">
            Journey map: median time from order to each milestone
          </Text>
          <StepChart
            label="Journey map"
            summary={journeySummary}
            series="Median days after the order"
            direction="horizontal"
            points={journey.map((s) => ({ key: s.label, value: s.medianHoursFromOrder === null ? null : s.medianHoursFromOrder / 24 }))}
            format={(v) => `${v.toFixed(1)} d`}
            height={240}
          />
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric"]}
            headings={["Milestone", "Orders reaching it", "Median from previous step", "Orders timed"]}
            rows={view.journey.map((s) => [s.label, s.reachedShare === null ? "—" : formatPercent(s.reachedShare), s.milestone === "ordered" ? "—" : formatHours(s.medianHoursFromPrevious), s.milestone === "ordered" ? "—" : formatNumber(s.pairs)])}
          />
          <Text as="p" variant="bodySm" tone="subdued">
            Based on {formatNumber(view.shippingOrders)} shipped orders. Carrier milestones appear only where the carrier reports scans.
          </Text>
        </BlockStack>
      </Card>
      <WindowsTable title="Windows by carrier" rows={view.byCarrier} keyLabel="Carrier" />
      <WindowsTable title="Windows by sales channel" rows={view.byChannel} keyLabel="Channel" />
      <Card>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            What goes wrong
          </Text>
          <DataTable
            columnContentTypes={["text", "text", "numeric"]}
            headings={["Exception", "Share (95% interval)", "Orders judged"]}
            rows={view.exceptions.map((e) => [e.label, <RateText key={e.label} rate={e.rate} />, formatNumber(e.rate.n)])}
          />
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="300">
          <Text as="h3" variant="headingSm">
            Repeat purchases by first delivery experience{repeat.windowDays !== null ? ` (within ${repeat.windowDays} days)` : ""}
          </Text>
          <Text as="p">{repeat.sentence}</Text>
          {repeat.rows.length > 0 ? (
            <>
              <StepChart
                label="Repeat rate by first delivery experience"
                summary={repeat.rows.map((r) => `${r.label}: ${rateText(r.rate)}`).join("; ")}
                series="Repeat rate"
                points={repeat.rows.map((r) => ({ key: r.label, value: r.rate.value }))}
                format={(v) => formatPercent(v, 0)}
                height={220}
              />
              <DataTable
                columnContentTypes={["text", "numeric", "text"]}
                headings={["First delivery", "Customers", "Bought again (95% interval)"]}
                rows={repeat.rows.map((r) => [r.label, formatNumber(r.customers), <RateText key={r.experience} rate={r.rate} />])}
              />
            </>
          ) : (
            <ConfidenceBadge confidence="insufficient" />
          )}
        </BlockStack>
      </Card>
    </BlockStack>
  );
}

export function AuditQuestions({ defaults, errors, costs }: { defaults: Record<string, string>; errors?: Record<string, string>; costs: AuditView["costs"] | null }) {
  // Gross margin is asked only when unit costs do not cover (nearly) all revenue.
  const askMargin = !costs?.complete || defaults.grossMarginPercent !== undefined;
  const marginHelp =
    costs?.knownShare != null
      ? `Unit costs are set for ${formatPercent(costs.knownShare, 0)} of revenue${costs.measuredRate != null ? ` (margin ${formatPercent(costs.measuredRate, 0)} on those)` : ""}; your overall margin fills the gap.`
      : "Used where products have no unit cost in Shopify.";
  return (
    <FormLayout>
      <FormLayout.Group>
        <FormTextField name="nps" label="Net Promoter Score (−100 to 100)" defaults={defaults} errors={errors} inputMode="numeric" helpText="If you survey customers." />
        <FormTextField name="csat" label="Customer satisfaction" suffix="%" defaults={defaults} errors={errors} inputMode="decimal" helpText="Share of satisfied customers." />
      </FormLayout.Group>
      <FormLayout.Group>
        {askMargin ? <FormTextField name="grossMarginPercent" label="Gross margin" suffix="%" defaults={defaults} errors={errors} inputMode="decimal" helpText={marginHelp} /> : null}
        <FormTextField name="targetLateRatePercent" label="Late deliveries you would accept" suffix="%" defaults={defaults} errors={errors} inputMode="decimal" />
      </FormLayout.Group>
    </FormLayout>
  );
}
