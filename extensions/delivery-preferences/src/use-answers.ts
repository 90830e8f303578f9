import { useEffect, useState } from "preact/hooks";
import type { DeliveryAnswers } from "./preferences";

/**
 * The buyer's answers, seeded from saved ones. `shopify.appMetafields` can arrive after the first
 * render, so later seeds are adopted until the buyer answers something; then theirs win.
 */
export function useAnswers(seed: DeliveryAnswers) {
  const [answers, setAnswers] = useState<DeliveryAnswers>(seed);
  const [touched, setTouched] = useState(false);
  const seedKey = JSON.stringify(seed);
  useEffect(() => {
    if (!touched) setAnswers(JSON.parse(seedKey) as DeliveryAnswers);
  }, [seedKey, touched]);

  const update = (next: DeliveryAnswers) => {
    setAnswers(next);
    setTouched(true);
  };
  return { answers, update, touched };
}
