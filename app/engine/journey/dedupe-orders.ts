/**
 * Resolve duplicate orders (same id, e.g. re-synced or exported twice): the copy with the
 * newest `updatedAt` wins; on a tie the later one in the input wins (the newer sync).
 */
import type { Order } from "../types";
import { KeyIndex } from "./key-index";

export interface DedupedOrders {
  orders: Order[];
  duplicatesRemoved: number;
}

export function dedupeOrders(orders: readonly Order[]): DedupedOrders {
  const ids = new KeyIndex(orders.length);
  // slotOf[i] = dense id of orders[i].id; ids are assigned in first-appearance order.
  const slotOf = new Int32Array(orders.length);
  for (let i = 0; i < orders.length; i++) slotOf[i] = ids.add(orders[i].id);
  const unique = ids.size;
  const duplicates = orders.length - unique;
  if (duplicates === 0) return { orders: orders.slice(), duplicatesRemoved: 0 };
  const winner = new Int32Array(unique).fill(-1);
  for (let i = 0; i < orders.length; i++) {
    const slot = slotOf[i];
    const current = winner[slot];
    if (current < 0 || !(orders[current].updatedAt > orders[i].updatedAt)) winner[slot] = i;
  }
  // Survivors in the order their id first appeared.
  const out: Order[] = new Array(unique);
  for (let k = 0; k < unique; k++) out[k] = orders[winner[k]];
  return { orders: out, duplicatesRemoved: duplicates };
}
