import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authenticate } from "../shopify.server";
import { loadStoreOverview } from "../data/store-overview.server";
import { StoreOverviewPage } from "../components/StoreOverviewPage";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { overview: await loadStoreOverview(session.shop) };
};

export default function Overview() {
  const { overview } = useLoaderData<typeof loader>();
  return <StoreOverviewPage overview={overview} />;
}
