/**
 * A customer's membership in a segment, with the rule and the evidence in merchant language,
 * so the UI can always answer "why is this customer here?".
 */

export type MembershipBasis =
  /** From what the customer did (orders). */
  | "observed"
  /** From what the customer told us (zero-party answers at checkout). */
  | "stated"
  /** Both agree. */
  | "observed_and_stated";

export interface SegmentMembership<K extends string = string> {
  segment: K;
  label: string;
  /** The rule, as the merchant would read it. */
  rule: string;
  /** This customer's numbers against the rule. */
  evidence: string;
  basis: MembershipBasis;
}

/** 0.8 → "80%"; shares are shown to the whole percent. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** 1 → "1 order", 3 → "3 orders". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** 1 → "1st", 2 → "2nd", 3 → "3rd", 11 → "11th", 22 → "22nd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** Rounds to one decimal and drops a trailing ".0": 30 → "30", 29.54 → "29.5". */
export function oneDecimal(x: number): string {
  const r = Math.round(x * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** 123456 cents → "1,234.56" (+ " USD" when a currency is given). */
export function money(cents: number, currency?: string | null): string {
  const rounded = Math.round(cents);
  const abs = Math.abs(rounded);
  const whole = String(Math.floor(abs / 100));
  const frac = abs % 100;
  let grouped = whole.slice(0, ((whole.length - 1) % 3) + 1);
  for (let i = grouped.length; i < whole.length; i += 3) grouped += `,${whole.slice(i, i + 3)}`;
  return `${rounded < 0 ? "-" : ""}${grouped}.${frac < 10 ? "0" : ""}${frac}${currency ? ` ${currency}` : ""}`;
}

/** Epoch ms → "2024-03-05" (UTC calendar date). */
export function isoDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
