/** Demo layout: the admin pages outside Shopify on the generated store (never in production). */
import { Outlet } from "@remix-run/react";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { Banner, Box } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import polarisVizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { requireDemoMode } from "../services/demo.server";
import { DemoNav } from "../components/DemoNav";
import { PageLoading } from "../components/PageLoading";

export const links = () => [
  { rel: "stylesheet", href: polarisStyles },
  { rel: "stylesheet", href: polarisVizStyles },
];

export const loader = async () => {
  requireDemoMode();
  return null;
};

export default function DemoLayout() {
  return (
    <AppProvider isEmbeddedApp={false} apiKey="">
      <Box padding="400" paddingBlockEnd="0">
        <Banner tone="info" title="Demo store">
          <p>
            You are looking at Second Order outside Shopify, on a generated store. Install the app on a store to
            analyse your own orders.
          </p>
        </Banner>
      </Box>
      <DemoNav />
      <PageLoading>
        <Outlet />
      </PageLoading>
    </AppProvider>
  );
}
