import { useLoaderData } from "@remix-run/react";
import { requireDemoMode } from "../services/demo.server";
import { loadStoreOverview } from "../data/store-overview.server";
import { StoreOverviewPage } from "../components/StoreOverviewPage";

export const loader = async () => {
  const shop = requireDemoMode();
  return { overview: await loadStoreOverview(shop) };
};

export default function DemoOverview() {
  const { overview } = useLoaderData<typeof loader>();
  return <StoreOverviewPage overview={overview} />;
}
