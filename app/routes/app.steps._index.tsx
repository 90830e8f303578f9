/** /app/steps: back to the step the merchant was on (progress is saved per shop). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { loadProgress } from "../data/step-answers.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  return redirect(`/app/steps/${(await loadProgress(session.shop)).currentStep}${url.search}`);
};
