// Entry of `purchase.checkout.shipping-option-list.render-after` (Shopify Plus checkouts).
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { CheckoutPreferences } from "./CheckoutPreferences";

export default async () => {
  render(<CheckoutPreferences />, document.body);
};
