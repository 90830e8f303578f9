/** A figure's value and interval as text, in its unit (share, days, money). */
import { formatMoney, formatNumber, formatPercent } from "../lib/format";

export type Unit = "share" | "days" | "money" | "count";

export function formatValue(value: number | null | undefined, unit: Unit, currency = "USD"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "share":
      return formatPercent(value);
    case "days":
      return `${formatNumber(Math.round(value))} days`;
    case "money":
      return formatMoney(value, currency);
    default:
      return formatNumber(Math.round(value));
  }
}

export function formatRange(low: number | null | undefined, high: number | null | undefined, unit: Unit, currency = "USD"): string | null {
  if (low === null || low === undefined || high === null || high === undefined) return null;
  const from = formatValue(low, unit, currency);
  const to = formatValue(high, unit, currency);
  // A range narrower than the display precision ("$54 – $54") says nothing: leave it out.
  return from === to ? null : `${from} – ${to}`;
}
