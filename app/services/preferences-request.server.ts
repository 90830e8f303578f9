/**
 * The body the thank-you extension posts (extensions/delivery-preferences/src/backend.ts):
 * `{orderId, preferences}`, checked with the extension's own validator so both sides accept
 * exactly the same records. Each problem comes back as `{field, message}`.
 */
import { z } from "zod";
import { validatePreferences, type DeliveryPreferences } from "../../extensions/delivery-preferences/src/preferences";

/** A buyer's clock may run a little ahead; an answer from further in the future is refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface FieldError {
  field: string;
  message: string;
}

const bodySchema = z.object({
  orderId: z.string().regex(/^gid:\/\/shopify\/Order\/\d+$/, "must be an Order gid, e.g. gid://shopify/Order/123"),
  preferences: z.unknown(),
});

export type ParsedBody = { ok: true; orderId: string; preferences: DeliveryPreferences } | { ok: false; errors: FieldError[] };

/** The validator's messages start with the field they are about ("speedVsCost must be …"). */
function fieldOf(message: string): string {
  const first = /^(\w+) (must|is)/.exec(message)?.[1];
  return first ? `preferences.${first}` : "preferences";
}

export function parsePreferencesBody(raw: unknown, now: Date): ParsedBody {
  const shape = bodySchema.safeParse(raw);
  if (!shape.success) {
    return { ok: false, errors: shape.error.issues.map((i) => ({ field: i.path.join(".") || "body", message: i.message })) };
  }
  const checked = validatePreferences(shape.data.preferences);
  if (!checked.ok) return { ok: false, errors: checked.errors.map((message) => ({ field: fieldOf(message), message })) };
  const p = checked.value;
  const errors: FieldError[] = [];
  // This endpoint serves the thank-you page only; checkout answers travel as cart metafields.
  if (p.source !== "thank_you") errors.push({ field: "preferences.source", message: 'source must be "thank_you"' });
  if (Date.parse(p.answeredAt) > now.getTime() + CLOCK_SKEW_MS) errors.push({ field: "preferences.answeredAt", message: "answeredAt is in the future" });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, orderId: shape.data.orderId, preferences: p };
}
