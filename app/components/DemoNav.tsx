/** The demo's section tabs (inside Shopify the same sections are App Bridge's NavMenu). */
import { useLocation, useNavigate } from "@remix-run/react";
import { Box, Tabs } from "@shopify/polaris";
import { activeNavIndex, NAV_ITEMS } from "./admin-nav";

export function DemoNav() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const tabs = NAV_ITEMS.map((item) => ({ id: `nav${item.prefix.replace(/\//g, "-") || "-dashboard"}`, content: item.label, url: `/demo${item.path}` }));
  return (
    <Box paddingInline="400" paddingBlockStart="200">
      <nav aria-label="Second Order">
        <Tabs tabs={tabs} selected={Math.max(0, activeNavIndex(pathname, "/demo"))} onSelect={(i) => navigate(tabs[i].url)} />
      </nav>
    </Box>
  );
}
