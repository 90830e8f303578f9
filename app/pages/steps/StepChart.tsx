/** A polaris-viz bar chart drawn on the client, with the same figures as text for screen readers. */
import { SkeletonBodyText } from "@shopify/polaris";
import { BarChart, PolarisVizProvider } from "@shopify/polaris-viz";
import { ClientOnly } from "../../components/ClientOnly";

export interface StepChartProps {
  label: string;
  /** The chart's figures in words (announced instead of the drawing). */
  summary: string;
  series: string;
  points: Array<{ key: string; value: number | null }>;
  direction?: "horizontal" | "vertical";
  format: (v: number) => string;
  height?: number;
}

export function StepChart({ label, summary, series, points, direction = "vertical", format, height = 260 }: StepChartProps) {
  return (
    <div role="img" aria-label={`${label}. ${summary}`} style={{ height }}>
      <ClientOnly fallback={<SkeletonBodyText lines={6} />}>
        {() => (
          <PolarisVizProvider>
            <BarChart
              theme="Light"
              direction={direction}
              showLegend={false}
              data={[{ name: series, data: points.map((p) => ({ key: p.key, value: p.value })) }]}
              xAxisOptions={direction === "horizontal" ? { labelFormatter: (v) => format(Number(v)) } : undefined}
              yAxisOptions={direction === "vertical" ? { labelFormatter: (v) => format(Number(v)) } : undefined}
            />
          </PolarisVizProvider>
        )}
      </ClientOnly>
    </div>
  );
}
