/**
 * One guided step: progress across the six, what the data says, then what only the merchant
 * can tell us, and back / save and come back later / next. Shared by /app and /demo.
 */
import { useRef } from "react";
import { Form, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, EmptyState, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import type { StepActionResult, StepPageData } from "../../data/steps-page.server";
import { AnalysisStatusBanner } from "../../components/AnalysisStatusBanner";
import { AuditData, AuditQuestions } from "./AuditStep";
import { AutomationData, AutomationQuestions } from "./AutomationStep";
import { ChannelsData, ChannelsQuestions } from "./ChannelsStep";
import { ExceptionRulesEditor } from "./ExceptionRulesEditor";
import { PersonalizationData, PersonalizationQuestions } from "./PersonalizationStep";
import { PlanSummaryData } from "./PlanSummaryStep";
import { StepProgress } from "./StepProgress";
import { TestingData } from "./TestingStep";
import type { StepViews } from "./step-view";
import { nextStep, previousStep, STEP_KEYS, STEP_TITLES, stepNumber, type StepKey } from "./steps";

const INTRO: Record<StepKey, string> = {
  audit: "How orders travel from checkout to the doorstep, where they wait, what goes wrong, and how that first delivery shapes whether customers come back.",
  automation: "The exceptions your orders run into, how often, and what an automatic response would save your support team.",
  personalization: "Your customers fall into groups that want different things from delivery. Each gets its own package of actions.",
  channels: "Whether customers get the same delivery experience wherever they buy.",
  testing: "The experiments worth running, in order, sized to how many customers you have.",
  plan: "Everything from the five steps in one plan.",
};

function DataSection({ data, basePath }: { data: StepPageData; basePath: string }) {
  const v = data.view;
  if (v === null) return null;
  const c = data.currency;
  switch (data.step) {
    case "audit":
      return <AuditData view={v as StepViews["audit"]} />;
    case "automation":
      return <AutomationData view={v as StepViews["automation"]} currency={c} />;
    case "personalization":
      return <PersonalizationData view={v as StepViews["personalization"]} currency={c} />;
    case "channels":
      return <ChannelsData view={v as StepViews["channels"]} currency={c} />;
    case "testing":
      return <TestingData view={v as StepViews["testing"]} currency={c} basePath={basePath} />;
    case "plan":
      return <PlanSummaryData view={v as StepViews["plan"]} currency={c} basePath={basePath} />;
  }
}

function Questions({ data, errors }: { data: StepPageData; errors?: Record<string, string> }) {
  const { step, form: defaults, currency } = data;
  switch (step) {
    case "audit":
      return <AuditQuestions defaults={defaults} errors={errors} costs={data.view ? (data.view as StepViews["audit"]).costs : null} />;
    case "automation":
      return <AutomationQuestions defaults={defaults} errors={errors} />;
    case "personalization":
      return <PersonalizationQuestions defaults={defaults} errors={errors} currency={currency} />;
    case "channels":
      return <ChannelsQuestions defaults={defaults} errors={errors} />;
    default:
      return null;
  }
}

const HAS_QUESTIONS: readonly StepKey[] = ["audit", "automation", "personalization", "channels"];

export function StepPage({ data, result, basePath }: { data: StepPageData; result: StepActionResult | undefined; basePath: "/app" | "/demo" }) {
  const { step } = data;
  const nav = useNavigation();
  const busy = (intent: string) => nav.state !== "idle" && nav.formData?.get("intent") === intent;
  const errors = result?.kind === "invalid" ? result.errors : undefined;
  const next = nextStep(step);
  const prev = previousStep(step);
  const asks = HAS_QUESTIONS.includes(step);
  // Polaris buttons carry no name/value: the clicked button writes the intent just before submitting.
  const intent = useRef<HTMLInputElement>(null);
  const choose = (value: string) => () => {
    if (intent.current) intent.current.value = value;
  };
  return (
    <Page title={`Step ${stepNumber(step)} of ${STEP_KEYS.length}: ${STEP_TITLES[step]}`} subtitle={INTRO[step]}>
      <Layout>
        <Layout.Section>
          <Card>
            <StepProgress current={step} completed={data.progress.completed} basePath={basePath} />
          </Card>
        </Layout.Section>
        <Layout.Section>
          <AnalysisStatusBanner status={data.analysis} />
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="400">
            <Text as="h2" variant="headingMd">
              What your data says
            </Text>
            {data.view === null ? (
              <Card>
                <EmptyState heading={data.analysis.status === "computing" ? "Your orders are being analysed" : "No orders analysed yet"} image="">
                  <p>
                    {data.analysis.status === "computing"
                      ? "This page fills in as soon as the analysis finishes. You can answer the questions below meanwhile."
                      : "Once your order history is imported, this step shows what it says. You can answer the questions below meanwhile."}
                  </p>
                </EmptyState>
              </Card>
            ) : (
              <DataSection data={data} basePath={basePath} />
            )}
          </BlockStack>
        </Layout.Section>
        {step === "automation" && data.rules ? (
          <Layout.Section>
            <BlockStack gap="400">
              <Text as="h2" variant="headingMd">
                Exception rules
              </Text>
              <ExceptionRulesEditor data={data.rules} currency={data.currency} errors={result?.kind === "rules-invalid" ? result.errors : undefined} saved={result?.kind === "rules-saved"} />
            </BlockStack>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Form method="post" aria-label={`Step ${stepNumber(step)} answers`}>
            <input type="hidden" name="intent" defaultValue="save" ref={intent} />
            <BlockStack gap="400">
              {asks ? (
                <Card>
                  <BlockStack gap="400">
                    <BlockStack gap="100">
                      <Text as="h2" variant="headingMd">
                        What only you can tell us
                      </Text>
                      <Text as="p" tone="subdued">
                        All optional. Leave blank what you don&apos;t know; the plan then says what is missing instead of guessing.
                      </Text>
                    </BlockStack>
                    {errors ? (
                      <Banner tone="critical" title="Please check the highlighted answers">
                        <p>Nothing was saved yet.</p>
                      </Banner>
                    ) : null}
                    {result?.kind === "saved" ? <Banner tone="success" title="Saved. You can come back to this step any time." /> : null}
                    <Questions data={data} errors={errors} />
                  </BlockStack>
                </Card>
              ) : null}
              <Box paddingBlockEnd="800">
                <InlineStack align="space-between" blockAlign="center">
                  {prev ? (
                    <Button submit onClick={choose("back")} loading={busy("back")}>
                      Back
                    </Button>
                  ) : (
                    <span />
                  )}
                  <InlineStack gap="200">
                    {asks ? (
                      <Button submit onClick={choose("save")} loading={busy("save")}>
                        Save and come back later
                      </Button>
                    ) : null}
                    <Button submit onClick={choose("next")} variant="primary" loading={busy("next")}>
                      {next ? "Save and continue" : "Finish and open the plan"}
                    </Button>
                  </InlineStack>
                </InlineStack>
              </Box>
            </BlockStack>
          </Form>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
