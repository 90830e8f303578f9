/** Step 6: where the store stands, what the plan could bring, the first moves, and the way to the full plan. */
import { BlockStack, Card, DataTable, List, Text } from "@shopify/polaris";
import { Link } from "@remix-run/react";
import { figureCell, Wrap } from "./Wrap";
import type { StepViews } from "./step-view";

const ANSWER_LABELS: Record<string, string> = {
  monthlySupportTickets: "support tickets",
  topTicketReasons: "ticket reasons",
  minutesPerTicket: "minutes per ticket",
  routingDecisions: "routing",
  manualProcesses: "manual processes",
  automatedProcesses: "automated processes",
  channelsOutsideShopify: "channels outside Shopify",
  customerAcquisitionCost: "acquisition cost",
  nps: "NPS",
  csat: "CSAT",
  brandPositioning: "positioning",
  grossMarginPercent: "gross margin",
  targetLateRatePercent: "target late rate",
};

export function PlanSummaryData({ view, currency, basePath }: { view: StepViews["plan"]; currency: string; basePath: string }) {
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            Where you stand
          </Text>
          <Text as="p">{view.summary}</Text>
          <Text as="p" tone="subdued">
            {view.answersUsed.length > 0 ? `The plan uses your answers on ${view.answersUsed.map((a) => ANSWER_LABELS[a] ?? a).join(", ")}.` : "You have not answered any questions yet; the plan uses your data only."}
          </Text>
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            What the plan could bring in a year
          </Text>
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric"]}
            headings={["Change", "Repeat rate", "Revenue", "Margin"]}
            rows={view.impact.map((r) => [<Wrap key={r.name}>{r.name}</Wrap>, figureCell(r.repeatRateChange, currency), figureCell(r.revenue, currency), figureCell(r.margin, currency)])}
          />
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            First moves
          </Text>
          <List type="number">
            {view.shortTerm.map((s) => (
              <List.Item key={s.title}>
                <Text as="span" fontWeight="semibold">
                  {s.title}
                </Text>{" "}
                {s.why}
              </List.Item>
            ))}
          </List>
          <Text as="p">
            Read, print or download the whole plan on the <Link to={`${basePath}/plan`}>Plan page</Link>.
          </Text>
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
