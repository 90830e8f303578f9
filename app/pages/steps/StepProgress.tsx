/** The six steps across the top: where the merchant is, what is done, one click to any step. */
import { Badge, BlockStack, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { Link } from "@remix-run/react";
import { STEP_KEYS, STEP_SHORT, type StepKey } from "./steps";

export function StepProgress({ current, completed, basePath }: { current: StepKey; completed: StepKey[]; basePath: string }) {
  const done = completed.length;
  return (
    <BlockStack gap="200">
      <nav aria-label="Guided steps">
        <ol style={{ display: "flex", flexWrap: "wrap", gap: "var(--p-space-300)", listStyle: "none", margin: 0, padding: 0 }}>
          {STEP_KEYS.map((k, i) => {
            const isCurrent = k === current;
            const isDone = completed.includes(k);
            return (
              <li key={k}>
                <Link to={`${basePath}/steps/${k}`} aria-current={isCurrent ? "step" : undefined} style={{ textDecoration: "none", color: "inherit" }}>
                  <InlineStack gap="100" blockAlign="center" wrap={false}>
                    <Text as="span" variant="bodyMd" fontWeight={isCurrent ? "bold" : "regular"} tone={isCurrent ? undefined : "subdued"}>
                      {i + 1}. {STEP_SHORT[k]}
                    </Text>
                    {isDone ? <Badge tone="success" size="small">Done</Badge> : null}
                  </InlineStack>
                </Link>
              </li>
            );
          })}
        </ol>
      </nav>
      <ProgressBar progress={(done / STEP_KEYS.length) * 100} size="small" tone="primary" animated={false} ariaLabelledBy="steps-progress-label" />
      <Text as="p" variant="bodySm" tone="subdued" id="steps-progress-label">
        {done} of {STEP_KEYS.length} steps done
      </Text>
    </BlockStack>
  );
}
