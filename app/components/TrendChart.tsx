/** A small monthly trend line (polaris-viz), drawn on the client with an accessible summary. */
import { SkeletonBodyText } from "@shopify/polaris";
import { PolarisVizProvider, SparkLineChart } from "@shopify/polaris-viz";
import { ClientOnly } from "./ClientOnly";

export interface TrendChartProps {
  label: string;
  points: { key: string; value: number }[];
}

export function TrendChart({ label, points }: TrendChartProps) {
  if (points.length < 2) return null;
  const first = points[0];
  const last = points[points.length - 1];
  const summary = `${label}: from ${(first.value * 100).toFixed(1)}% in ${first.key} to ${(last.value * 100).toFixed(1)}% in ${last.key}.`;
  return (
    <div role="img" aria-label={summary} style={{ height: 48 }}>
      <ClientOnly fallback={<SkeletonBodyText lines={2} />}>
        {() => (
          <PolarisVizProvider>
            <SparkLineChart
              theme="Light"
              isAnimated={false}
              accessibilityLabel={summary}
              data={[{ name: label, data: points.map((p) => ({ key: p.key, value: p.value })) }]}
            />
          </PolarisVizProvider>
        )}
      </ClientOnly>
    </div>
  );
}
