/** The answers synced orders carry (the order metafield), as stated answers. */
import type { Order } from "../types";
import type { AnswerSource, StatedAnswer } from "./types";

/**
 * The engine Order keeps the answers but not who captured them; `sourceOf` supplies it when
 * known (the stored metafield's `source`), otherwise the order-level default is "checkout"
 * (cart metafields copied to the order are the main path).
 */
export function answersFromOrders(orders: Iterable<Order>, sourceOf: (orderId: string) => AnswerSource = () => "checkout"): StatedAnswer[] {
  const out: StatedAnswer[] = [];
  for (const o of orders) {
    const p = o.preferences;
    if (p === null) continue;
    out.push({
      customerId: o.customerId,
      orderId: o.id,
      source: sourceOf(o.id),
      answeredAt: p.answeredAt,
      speedVsCost: p.speedVsCost,
      deliveryWindow: p.deliveryWindow,
      deliveryDays: p.deliveryDays,
      notifications: p.notifications,
      giftPackaging: p.giftPackaging,
    });
  }
  return out;
}
