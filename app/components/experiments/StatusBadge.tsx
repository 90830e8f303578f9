import { Badge } from "@shopify/polaris";
import type { ExperimentStatus } from "../../engine/experiments";

const LABELS: Record<ExperimentStatus, { label: string; tone?: "success" | "info" }> = {
  draft: { label: "Draft" },
  running: { label: "Running", tone: "success" },
  stopped: { label: "Stopped", tone: "info" },
};

export function StatusBadge({ status }: { status: ExperimentStatus }) {
  const s = LABELS[status];
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
