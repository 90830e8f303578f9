/**
 * Renders its children only in the browser (after hydration), the fallback on the server:
 * charts measure the DOM, so they are drawn on the client while the page itself is server-rendered.
 */
import { useEffect, useState, type ReactNode } from "react";

export function ClientOnly({ children, fallback }: { children: () => ReactNode; fallback: ReactNode }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <>{mounted ? children() : fallback}</>;
}
