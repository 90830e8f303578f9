/**
 * Paired bars per group (e.g. share of customers vs share of revenue), as plain HTML so they
 * print and read without script; each row has its numbers in text for screen readers.
 */
import { BlockStack, InlineStack, Text } from "@shopify/polaris";
import { formatPercent } from "../lib/format";

export interface ShareRow {
  label: string;
  values: number[];
}

const COLORS = ["#2c6ecb", "#8051e5"];

export function ShareBars({ series, rows }: { series: string[]; rows: ShareRow[] }) {
  const max = Math.max(0.0001, ...rows.flatMap((r) => r.values));
  return (
    <BlockStack gap="200">
      <InlineStack gap="400">
        {series.map((s, i) => (
          <InlineStack key={s} gap="100" blockAlign="center">
            <span style={{ display: "inline-block", width: 12, height: 12, borderRadius: 2, background: COLORS[i % COLORS.length] }} aria-hidden />
            <Text as="span" variant="bodySm">
              {s}
            </Text>
          </InlineStack>
        ))}
      </InlineStack>
      {rows.map((r) => (
        <div key={r.label} style={{ display: "grid", gridTemplateColumns: "150px 1fr", gap: 8, alignItems: "center" }}>
          <Text as="span" variant="bodySm">
            {r.label}
          </Text>
          <div role="img" aria-label={`${r.label}: ${r.values.map((v, i) => `${formatPercent(v)} of ${series[i].toLowerCase()}`).join(", ")}`}>
            {r.values.map((v, i) => (
              <div key={i} style={{ display: "flex", alignItems: "center", gap: 6, height: 14 }}>
                <div style={{ width: `${(80 * v) / max}%`, minWidth: 1, height: 10, borderRadius: 2, background: COLORS[i % COLORS.length] }} />
                <span style={{ fontSize: 11, color: "#616161" }}>{formatPercent(v)}</span>
              </div>
            ))}
          </div>
        </div>
      ))}
    </BlockStack>
  );
}
