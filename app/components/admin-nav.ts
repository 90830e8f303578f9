/** The admin's sections, in order: the embedded NavMenu and the demo's tab bar list the same pages. */
export interface NavItem {
  label: string;
  /** Path below the base ("/app" or "/demo"); "" is the dashboard. */
  path: string;
  /** Other paths that belong to this section (for the active tab). */
  prefix: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { label: "Dashboard", path: "", prefix: "" },
  { label: "Guided steps", path: "/steps/audit", prefix: "/steps" },
  { label: "Segments", path: "/segments", prefix: "/segments" },
  { label: "Plan", path: "/plan", prefix: "/plan" },
  { label: "Experiments", path: "/experiments", prefix: "/experiments" },
];

/** Index of the section a pathname belongs to (the dashboard only for the base path itself). */
export function activeNavIndex(pathname: string, base: string): number {
  const rest = pathname.slice(base.length).replace(/\/$/, "");
  const i = NAV_ITEMS.findIndex((item) => item.prefix !== "" && rest.startsWith(item.prefix));
  return i >= 0 ? i : rest === "" ? 0 : -1;
}
