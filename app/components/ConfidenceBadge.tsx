/** How sure a figure is, and where it comes from, next to every figure. */
import { Badge, InlineStack, Tooltip } from "@shopify/polaris";
import type { Confidence } from "../engine/types";

const TONE = { high: "success", medium: "info", low: "warning", insufficient: "critical" } as const;
const LABEL: Record<Confidence, string> = {
  high: "High confidence",
  medium: "Medium confidence",
  low: "Low confidence",
  insufficient: "Not enough data",
};
const SOURCE: Record<string, string> = { data: "From your orders", "merchant answer": "From your answers", model: "From a model" };

export function ConfidenceBadge({ confidence, source, caveats = [] }: { confidence: Confidence; source?: string; caveats?: string[] }) {
  const badge = <Badge tone={TONE[confidence]}>{LABEL[confidence]}</Badge>;
  return (
    <InlineStack gap="100" blockAlign="center">
      {caveats.length > 0 ? <Tooltip content={caveats.join(" ")}>{badge}</Tooltip> : badge}
      {source ? <Badge>{SOURCE[source] ?? source}</Badge> : null}
    </InlineStack>
  );
}
