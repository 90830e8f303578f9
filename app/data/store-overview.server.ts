/** Headline facts about a shop's synced orders. Every query is scoped by shop. */
import prisma from "../db.server";

export interface Breakdown {
  key: string;
  orders: number;
  revenue: number;
}

export interface StoreOverview {
  shop: string;
  currency: string;
  orderCount: number;
  customerCount: number;
  guestOrderCount: number;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  channels: Breakdown[];
  shippingSpeeds: Breakdown[];
  carriers: Breakdown[];
}

async function breakdown(shop: string, by: "channel" | "shippingSpeed" | "carrier"): Promise<Breakdown[]> {
  const rows = await prisma.order.groupBy({
    by: [by],
    where: { shop, cancelledAt: null },
    _count: { _all: true },
    _sum: { totalPrice: true },
  });
  return rows
    .map((r) => ({ key: r[by] ?? "No carrier", orders: r._count._all, revenue: r._sum.totalPrice ?? 0 }))
    .sort((a, b) => b.orders - a.orders);
}

export async function loadStoreOverview(shop: string): Promise<StoreOverview> {
  const [orderCount, guestOrderCount, span, customers, shopRow, channels, shippingSpeeds, carriers] = await Promise.all([
    prisma.order.count({ where: { shop } }),
    prisma.order.count({ where: { shop, customerId: null } }),
    prisma.order.aggregate({ where: { shop }, _min: { createdAt: true }, _max: { createdAt: true } }),
    prisma.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(DISTINCT "customerId") AS n FROM "Order" WHERE "shop" = ${shop}`,
    prisma.shop.findUnique({ where: { shop }, select: { currency: true } }),
    breakdown(shop, "channel"),
    breakdown(shop, "shippingSpeed"),
    breakdown(shop, "carrier"),
  ]);
  return {
    shop,
    currency: shopRow?.currency ?? "USD",
    orderCount,
    customerCount: Number(customers[0]?.n ?? 0),
    guestOrderCount,
    firstOrderAt: span._min.createdAt?.toISOString() ?? null,
    lastOrderAt: span._max.createdAt?.toISOString() ?? null,
    channels,
    shippingSpeeds,
    carriers,
  };
}
