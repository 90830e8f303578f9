/** The plan as a Markdown file (resource route). */
import { adminPage } from "../services/page-loader.server";
import { planMarkdownResponse } from "../data/plan-page.server";

export const loader = adminPage(planMarkdownResponse);
