/**
 * Number formatting for merchant-facing sentences, fixed to en-US so output is identical on
 * every machine (and testable).
 */

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, decimals: number): Intl.NumberFormat {
  const key = `${currency}/${decimals}`;
  let f = moneyFormats.get(key);
  if (f === undefined) {
    try {
      f = new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    } catch {
      // Not an ISO currency code: plain number, code appended by the caller.
      f = new Intl.NumberFormat("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    }
    moneyFormats.set(key, f);
  }
  return f;
}

/** 12345.6 → "$12,346"; small amounts keep their cents ("$4.50"); zero is "$0". */
export function formatMoney(value: number, currency: string): string {
  const decimals = value !== 0 && Math.abs(value) < 10 ? 2 : 0;
  const f = moneyFormat(currency, decimals);
  const text = f.format(value);
  return f.resolvedOptions().style === "currency" ? text : `${text} ${currency}`;
}

/** 0.1234 → "12.3%". */
export function formatPercent(share: number, decimals = 1): string {
  return `${(share * 100).toFixed(decimals)}%`;
}

/** A rate difference in percentage points, unsigned: −0.0912 → "9.1 points". */
export function formatPoints(diff: number, decimals = 1): string {
  return `${Math.abs(diff * 100).toFixed(decimals)} points`;
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}
