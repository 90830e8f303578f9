/**
 * A page's error state: a banner with a retry, inside the admin frame. Auth failures (401/403)
 * go on to the layout's boundary, which Shopify needs to escape the iframe.
 */
import { Banner, Page } from "@shopify/polaris";
import { isRouteErrorResponse, useRevalidator, useRouteError } from "@remix-run/react";

export function PageErrorBoundary() {
  const error = useRouteError();
  const revalidator = useRevalidator();
  if (isRouteErrorResponse(error) && (error.status === 401 || error.status === 403)) throw error;
  const message = isRouteErrorResponse(error)
    ? error.status === 404
      ? "This page or customer was not found."
      : `The server answered ${error.status}.`
    : "Something went wrong while loading this page.";
  return (
    <Page title="Something went wrong">
      <Banner
        tone="critical"
        title="This page could not be loaded"
        action={{ content: "Try again", loading: revalidator.state === "loading", onAction: () => revalidator.revalidate() }}
      >
        <p>{message} Your data is safe; try again in a moment.</p>
      </Banner>
    </Page>
  );
}
