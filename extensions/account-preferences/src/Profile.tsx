// Entry of `customer-account.profile.block.render`.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { AccountPreferences } from "./AccountPreferences";

export default async () => {
  render(<AccountPreferences />, document.body);
};
