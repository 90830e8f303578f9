/** The six guided steps, in order: keys used in URLs, storage and progress. */
export const STEP_KEYS = ["audit", "automation", "personalization", "channels", "testing", "plan"] as const;
export type StepKey = (typeof STEP_KEYS)[number];

export const STEP_TITLES: Record<StepKey, string> = {
  audit: "Audit the delivery journey",
  automation: "Automate exception handling",
  personalization: "Personalize by segment",
  channels: "Make channels consistent",
  testing: "Test what works",
  plan: "Your plan",
};

export const STEP_SHORT: Record<StepKey, string> = {
  audit: "Audit",
  automation: "Automation",
  personalization: "Personalization",
  channels: "Channels",
  testing: "Testing",
  plan: "Plan",
};

export function isStepKey(x: string | undefined): x is StepKey {
  return (STEP_KEYS as readonly string[]).includes(x ?? "");
}

export function stepNumber(step: StepKey): number {
  return STEP_KEYS.indexOf(step) + 1;
}

export function nextStep(step: StepKey): StepKey | null {
  return STEP_KEYS[STEP_KEYS.indexOf(step) + 1] ?? null;
}

export function previousStep(step: StepKey): StepKey | null {
  const i = STEP_KEYS.indexOf(step);
  return i > 0 ? STEP_KEYS[i - 1] : null;
}
