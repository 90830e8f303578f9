/** /demo/steps: back to the step the visitor was on. */
import { redirect } from "@remix-run/node";
import { requireDemoMode } from "../services/demo.server";
import { loadProgress } from "../data/step-answers.server";

export const loader = async () => redirect(`/demo/steps/${(await loadProgress(requireDemoMode())).currentStep}`);
