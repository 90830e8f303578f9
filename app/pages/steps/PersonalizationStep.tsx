/** Step 3: segments with what they value, the evidence and their action package; then positioning and acquisition cost. */
import { BlockStack, Card, FormLayout, InlineGrid, InlineStack, List, Text } from "@shopify/polaris";
import { figureCell } from "./Wrap";
import { FormSelect, FormTextField } from "./fields";
import type { StepViews } from "./step-view";

export function PersonalizationData({ view, currency }: { view: StepViews["personalization"]; currency: string }) {
  return (
    <BlockStack gap="300">
      <Text as="h3" variant="headingSm">
        Segments and what to do for each
      </Text>
      {view.rows.length === 0 ? (
        <Card>
          <Text as="p" tone="subdued">
            Not enough identified customers to form segments yet.
          </Text>
        </Card>
      ) : (
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
          {view.rows.map((r) => (
            <Card key={r.segment}>
              <BlockStack gap="200">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h4" variant="headingSm">
                    {r.label}
                  </Text>
                  <Text as="span" tone="subdued">
                    {figureCell(r.size, currency)} customers ({figureCell(r.share, currency)})
                  </Text>
                </InlineStack>
                <Text as="p">{r.values}</Text>
                <Text as="p" variant="bodySm" tone="subdued">
                  Why we think so: {r.evidence}
                </Text>
                <List type="bullet">
                  {r.actions.map((a) => (
                    <List.Item key={a}>{a}</List.Item>
                  ))}
                </List>
              </BlockStack>
            </Card>
          ))}
        </InlineGrid>
      )}
    </BlockStack>
  );
}

export function PersonalizationQuestions({ defaults, errors, currency }: { defaults: Record<string, string>; errors?: Record<string, string>; currency: string }) {
  return (
    <FormLayout>
      <FormLayout.Group>
        <FormSelect
          name="brandPositioning"
          label="How is your brand positioned on price?"
          options={[
            { label: "Premium", value: "premium" },
            { label: "Mid-market", value: "mid-market" },
            { label: "Value", value: "value" },
          ]}
          defaults={defaults}
          errors={errors}
        />
        <FormTextField name="customerAcquisitionCost" label="What a new customer costs you to acquire" prefix={currency} defaults={defaults} errors={errors} inputMode="decimal" helpText="Marketing spend ÷ new customers, roughly." />
      </FormLayout.Group>
    </FormLayout>
  );
}
