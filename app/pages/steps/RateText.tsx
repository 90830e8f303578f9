/** A rate with its 95% interval, sample size and confidence, as one table cell. */
import { BlockStack, Text } from "@shopify/polaris";
import { ConfidenceBadge } from "../../components/ConfidenceBadge";
import { formatPercent } from "../../lib/format";
import type { RateView } from "./step-view";

export function rateText(r: RateView): string {
  if (r.value === null) return "—";
  const ci = r.low !== null && r.high !== null ? ` (${formatPercent(r.low)}–${formatPercent(r.high)})` : "";
  return `${formatPercent(r.value)}${ci}`;
}

export function RateText({ rate }: { rate: RateView }) {
  return (
    <BlockStack gap="050">
      <Text as="span">{rateText(rate)}</Text>
      <ConfidenceBadge confidence={rate.confidence} />
    </BlockStack>
  );
}
