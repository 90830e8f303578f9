/** Step 2: exceptions ranked by monthly volume with the support load automation takes off, then the support questions. */
import { BlockStack, Card, DataTable, FormLayout, InlineGrid, List, Text } from "@shopify/polaris";
import { ConfidenceBadge } from "../../components/ConfidenceBadge";
import { FormSelect, FormTextField } from "./fields";
import { PROCESSES, TICKET_REASONS } from "./step-forms";
import type { StepViews } from "./step-view";
import { figureCell, Wrap } from "./Wrap";

export function AutomationData({ view, currency }: { view: StepViews["automation"]; currency: string }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h3" variant="headingSm">
          Automation opportunities, most frequent first
        </Text>
        <DataTable
          columnContentTypes={["text", "numeric", "numeric", "numeric"]}
          headings={["Exception and automated response", "Orders a month", "Tickets saved a month", "Hours saved a month"]}
          rows={view.rows.map((r) => [
            <Wrap key={r.exception} min={320} max={560}>
              <BlockStack gap="050">
                <Text as="span" fontWeight="semibold">
                  {r.exception}
                </Text>
                <Text as="span" variant="bodySm" tone="subdued">
                  When: {r.trigger}
                </Text>
                <Text as="span" variant="bodySm">
                  Then: {r.action}
                </Text>
              </BlockStack>
            </Wrap>,
            <BlockStack key="v" gap="050" inlineAlign="end">
              <Text as="span">{figureCell(r.monthlyVolume, currency)}</Text>
              <ConfidenceBadge confidence={r.monthlyVolume.confidence} />
            </BlockStack>,
            figureCell(r.ticketsSaved, currency),
            figureCell(r.hoursSaved, currency),
          ])}
        />
        {view.rows.length > 0 && view.rows.every((r) => r.ticketsSaved.value === null) ? (
          <Text as="p" variant="bodySm" tone="subdued">
            Tickets and hours saved appear once you tell us your monthly tickets, why customers write and the minutes per ticket (below).
          </Text>
        ) : null}
        {view.notes.length > 0 ? (
          <List>
            {view.notes.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        ) : null}
      </BlockStack>
    </Card>
  );
}

const MODE_OPTIONS = [
  { label: "By hand", value: "manual" },
  { label: "Automated", value: "automated" },
  { label: "Not done", value: "not_done" },
];

export function AutomationQuestions({ defaults, errors }: { defaults: Record<string, string>; errors?: Record<string, string> }) {
  return (
    <FormLayout>
      <FormLayout.Group>
        <FormTextField name="monthlySupportTickets" label="Support tickets a month" defaults={defaults} errors={errors} inputMode="numeric" />
        <FormTextField name="minutesPerTicket" label="Minutes an agent spends per ticket" defaults={defaults} errors={errors} inputMode="decimal" />
      </FormLayout.Group>
      <Text as="h3" variant="headingSm">
        Why customers write (share of tickets)
      </Text>
      <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
        {TICKET_REASONS.map(({ reason, label }) => (
          <FormTextField key={reason} name={`share_${reason}`} label={label} suffix="%" defaults={defaults} errors={errors} inputMode="decimal" />
        ))}
      </InlineGrid>
      <Text as="h3" variant="headingSm">
        How each process runs today
      </Text>
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
        {PROCESSES.map(({ key, label }) => (
          <FormSelect key={key} name={`process_${key}`} label={label} options={MODE_OPTIONS} defaults={defaults} errors={errors} />
        ))}
      </InlineGrid>
    </FormLayout>
  );
}
