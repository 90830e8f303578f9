/** Public landing: Shopify sends merchants here with ?shop= on install; otherwise explain the app. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { demoModeEnabled } from "../services/demo.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return { demo: demoModeEnabled() };
};

export default function Landing() {
  return (
    <main style={{ fontFamily: "Inter, system-ui, sans-serif", maxWidth: 640, margin: "10vh auto", padding: 24 }}>
      <h1>Second Order</h1>
      <p>
        Turn your order history into a delivery-driven customer lifetime value plan: audit the delivery journey, see
        how late parcels change repeat purchases, and leave with a plan. Install it from the Shopify App Store.
      </p>
      <p>
        <a href="/demo">Open the demo store</a> (available when the app runs in demo mode).
      </p>
    </main>
  );
}
