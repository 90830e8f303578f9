/** Step 4: the same delivery figures per sales channel, flags where a channel differs; then channels and routing outside the data. */
import { BlockStack, Card, DataTable, FormLayout, List, Text } from "@shopify/polaris";
import { figureCell, FigureStack, Wrap } from "./Wrap";
import { FormTextField } from "./fields";
import type { StepViews } from "./step-view";

export function ChannelsData({ view, currency }: { view: StepViews["channels"]; currency: string }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h3" variant="headingSm">
          Consistency across channels
        </Text>
        {view.rows.length === 0 ? (
          <Text as="p" tone="subdued">No channel has orders yet.</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric", "text"]}
            headings={["Channel", "Orders", "Order → fulfilled", "On time", "Exceptions", "Repeat rate", "Differs from the rest"]}
            rows={view.rows.map((r) => [
              <Wrap key="c" min={100} max={180}>
                {r.inShopify ? r.channel : `${r.channel} (outside Shopify)`}
                {r.processingHours.value === null && r.onTimeRate.value === null ? (
                  <Text as="p" variant="bodySm" tone="subdued">
                    No deliveries (pickup, in person or digital)
                  </Text>
                ) : null}
              </Wrap>,
              figureCell(r.orders, currency),
              figureCell(r.processingHours, currency),
              <FigureStack key="onTimeRate" figure={r.onTimeRate} currency={currency} />,
              <FigureStack key="exceptionRate" figure={r.exceptionRate} currency={currency} />,
              <FigureStack key="repeatRate" figure={r.repeatRate} currency={currency} />,
              r.flags.length === 0 ? (
                "—"
              ) : (
                <Wrap key="f" min={160} max={240}>
                  <BlockStack gap="100">
                    {r.flags.map((f) => (
                      <Text key={f.metric} as="span" variant="bodySm" tone={f.worse ? "caution" : "success"}>
                        {f.message}
                      </Text>
                    ))}
                  </BlockStack>
                </Wrap>
              ),
            ])}
          />
        )}
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

export function ChannelsQuestions({ defaults, errors }: { defaults: Record<string, string>; errors?: Record<string, string> }) {
  return (
    <FormLayout>
      <FormTextField name="channelsOutsideShopify" label="Channels you sell through outside Shopify" multiline={3} defaults={defaults} errors={errors} helpText="One per line, e.g. Amazon, wholesale, retail partners." />
      <FormTextField name="routingDecisions" label="How do you decide which warehouse, carrier and service ship an order?" multiline={3} defaults={defaults} errors={errors} />
    </FormLayout>
  );
}
