/** "/app" inside Shopify, "/demo" on the generated store: pages link within whichever they run in. */
import { useLocation } from "@remix-run/react";

export function useBasePath(): "/app" | "/demo" {
  return useLocation().pathname.startsWith("/demo") ? "/demo" : "/app";
}
