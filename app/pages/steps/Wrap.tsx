/** Table cells that fit the page: long text wraps (DataTable cells do not by default), ranges go under the value. */
import type { ReactNode } from "react";
import { BlockStack, Text } from "@shopify/polaris";
import { formatFigure } from "../../engine/plan/render-markdown";
import type { PlanFigure } from "../../engine/plan/types";

export function Wrap({ children, min = 140, max = 360 }: { children: ReactNode; min?: number; max?: number }) {
  return <div style={{ whiteSpace: "normal", minWidth: min, maxWidth: max }}>{children}</div>;
}

/** A plan figure for a table cell: "—" when unknown (the reason is said elsewhere on the page). */
export function figureCell(f: PlanFigure, currency: string): string {
  return f.value === null ? "—" : formatFigure(f, currency);
}

/** The value on one line, its range below in small print. */
export function FigureStack({ figure, currency }: { figure: PlanFigure; currency: string }) {
  if (figure.value === null) return <>—</>;
  const value = formatFigure({ ...figure, low: null, high: null }, currency);
  const full = formatFigure(figure, currency);
  const range = full.startsWith(value) ? full.slice(value.length).trim().replace(/^\((.*)\)$/, "$1") : "";
  return (
    <BlockStack gap="050" inlineAlign="end">
      <Text as="span">{value}</Text>
      {range ? (
        <Text as="span" variant="bodySm" tone="subdued">
          {range}
        </Text>
      ) : null}
    </BlockStack>
  );
}
