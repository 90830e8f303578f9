/** While the next admin page loads, a skeleton instead of the previous page's figures. */
import { useNavigation } from "@remix-run/react";
import { BlockStack, Card, Layout, SkeletonBodyText, SkeletonDisplayText, SkeletonPage } from "@shopify/polaris";
import type { ReactNode } from "react";

export function PageLoading({ children }: { children: ReactNode }) {
  const navigation = useNavigation();
  // Only page changes: a revalidation ("Check again") or a form on the same page keeps the page.
  const changingPage = navigation.state === "loading" && navigation.location.pathname !== (typeof window === "undefined" ? "" : window.location.pathname);
  if (!changingPage) return <>{children}</>;
  return (
    <SkeletonPage primaryAction>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {[0, 1, 2].map((i) => (
              <Card key={i}>
                <BlockStack gap="300">
                  <SkeletonDisplayText size="small" />
                  <SkeletonBodyText lines={3} />
                </BlockStack>
              </Card>
            ))}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  );
}
