// Entry of `purchase.thank-you.block.render` (all plans except Starter).
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { ThankYouPreferences } from "./ThankYouPreferences";

export default async () => {
  render(<ThankYouPreferences />, document.body);
};
