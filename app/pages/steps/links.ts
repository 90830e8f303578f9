/** The chart styles the steps need (polaris-viz), linked by both step routes. */
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";

export const stepLinks = () => [{ rel: "stylesheet", href: vizStyles }];
