/** Step 5, "Test what works": the store's delivery experiments and a form to size and create one. */
import { useMemo, useState } from "react";
import { Form, Link as RemixLink, useNavigation, useSearchParams } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, ChoiceList, DataTable, EmptyState, FormLayout, InlineGrid, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { DELIVERY_VARIABLES, DELIVERY_VARIABLE_KEYS, METRIC_LABELS, hypothesisFor, isDeliveryVariable, type DeliveryVariable } from "../../engine/experiments";
import { formatDate, formatNumber, formatPercent } from "../../lib/format";
import { useBasePath } from "../base-path";
import { ALPHA_CHOICES, POWER_CHOICES, SPEED_CHOICES, WINDOW_CHOICES, readForm, sizeExperiment, storeBaseline, type FormErrors } from "./experiment-form";
import type { ExperimentsPageData } from "./experiments-page.server";
import { StatusBadge } from "./StatusBadge";

const months = (days: number) => (days / 30.4375).toFixed(1);

function ExperimentList({ experiments }: { experiments: ExperimentsPageData["experiments"] }) {
  const base = useBasePath();
  if (experiments.length === 0) {
    return (
      <Card>
        <EmptyState heading="No experiments yet" image="">
          <p>Create one below: pick a delivery variable, and the app sizes the test on your own repeat rate and new-customer volume.</p>
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card padding="0">
      <DataTable
        columnContentTypes={["text", "text", "text", "numeric", "text", "text"]}
        headings={["Experiment", "Variable", "Status", "Enrolled", "Started", "Stopped"]}
        rows={experiments.map((e) => [
          <RemixLink key={e.id} to={`${base}/experiments/${e.id}`}>
            {e.name}
          </RemixLink>,
          DELIVERY_VARIABLES[e.definition.variable].label,
          <StatusBadge key="s" status={e.status} />,
          `${formatNumber(e.enrolled)}${e.definition.plannedPerVariant ? ` of ${formatNumber(e.definition.plannedPerVariant * e.definition.variants.length)}` : ""}`,
          formatDate(e.startedAt),
          formatDate(e.stoppedAt),
        ])}
      />
    </Card>
  );
}

function PowerPreview({ state, baselines }: { state: FormState; baselines: ExperimentsPageData["baselines"] }) {
  const parsed = readForm({ ...state, name: state.name || "preview" });
  if (!parsed.success) {
    return (
      <Text as="p" tone="subdued">
        Fill in the lift and the variants to see the sample size and run time.
      </Text>
    );
  }
  const { baseline, baselineSource, power } = sizeExperiment(parsed.data, baselines);
  if (power === null || baseline === null) {
    return (
      <Banner tone="warning" title="No baseline yet">
        <p>Your store has no measured rate for this metric yet (the analysis may still be running). Enter the rate you expect as the baseline.</p>
      </Banner>
    );
  }
  const metric = METRIC_LABELS[DELIVERY_VARIABLES[parsed.data.variable].primaryMetric](parsed.data.windowDays);
  return (
    <BlockStack gap="300">
      <InlineGrid columns={{ xs: 1, sm: 3 }} gap="300">
        <Figure label="Per variant" value={power.perVariant === null ? "—" : formatNumber(power.perVariant)} />
        <Figure label="Customers in total" value={power.total === null ? "—" : formatNumber(power.total)} />
        <Figure label="Result readable after" value={power.calendarDays === null ? "unknown" : `${months(power.calendarDays)} months`} />
      </InlineGrid>
      <Text as="p">
        {metric}: {formatPercent(baseline)} today ({baselineSource === "store" ? "your store" : "your estimate"}). Sized to detect {formatPercent(power.target)} or more (
        {(power.mdeAbsolute * 100).toFixed(1)} points) with {Math.round(power.power * 100)}% power at a significance level of {power.comparisonAlpha.toFixed(3).replace(/0+$/, "")}
        {power.variants > 2 ? ` per comparison (${power.variants - 1} treatments)` : ""}.
        {power.enrolmentDays !== null ? ` Enrolment takes about ${months(power.enrolmentDays)} months, then ${parsed.data.windowDays} days to read the outcome.` : ""}
      </Text>
      {power.warnings.map((w) => (
        <Banner key={w} tone={power.feasible === false ? "warning" : "info"} title={power.feasible === false ? "Too small for this test" : "Check the inputs"}>
          <p>{w}</p>
        </Banner>
      ))}
      {power.feasible === true ? (
        <Banner tone="success" title="Feasible">
          <p>Your store can run this test and read it within a year.</p>
        </Banner>
      ) : null}
    </BlockStack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Box background="bg-surface-secondary" padding="300" borderRadius="200">
      <BlockStack gap="100">
        <Text as="p" variant="bodySm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="headingLg">
          {value}
        </Text>
      </BlockStack>
    </Box>
  );
}

function Suggestions({ suggestions }: { suggestions: ExperimentsPageData["suggestions"] }) {
  const base = useBasePath();
  if (suggestions.length === 0) return null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Next on your testing roadmap
        </Text>
        <Text as="p" tone="subdued">
          Ranked by what each test could be worth in your store, feasible ones first. The full twelve-month roadmap is in <RemixLink to={`${base}/plan`}>your plan</RemixLink>.
        </Text>
        <BlockStack gap="300">
          {suggestions.map((s) => (
            <Box key={`${s.month}-${s.name}`} padding="300" background="bg-surface-secondary" borderRadius="200">
              <BlockStack gap="200">
                <InlineStack align="space-between" blockAlign="center" gap="200">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="h3" variant="headingSm">
                      Month {s.month}: {s.name}
                    </Text>
                    {s.feasible === true ? <Badge tone="success">Feasible</Badge> : s.feasible === false ? <Badge tone="warning">Too small in a year</Badge> : <Badge>Not sized</Badge>}
                  </InlineStack>
                  <RemixLink to={`?${new URLSearchParams({ variable: s.variable, name: s.name }).toString()}#new-experiment`}>Set up this test</RemixLink>
                </InlineStack>
                <Text as="p">{s.hypothesis}</Text>
                <Text as="p" tone="subdued">
                  {s.customersPerArm === null ? "Sample size unknown" : `${formatNumber(s.customersPerArm)} customers per variant`}
                  {s.readoutMonths === null ? "" : `, readable after about ${s.readoutMonths} months`}.
                </Text>
              </BlockStack>
            </Box>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

interface FormState {
  name: string;
  variable: DeliveryVariable;
  treatments: string[];
  windowDays: string;
  mdeKind: string;
  mde: string;
  alpha: string;
  power: string;
  baseline: string;
  shippingSpeeds: string[];
  regions: string;
}

function initialState(variable: DeliveryVariable): FormState {
  const def = DELIVERY_VARIABLES[variable];
  return {
    name: "",
    variable,
    treatments: [def.variants[1].key],
    windowDays: String(def.defaultWindowDays),
    mdeKind: "absolute",
    mde: "5",
    alpha: "0.05",
    power: "0.8",
    baseline: "",
    shippingSpeeds: [],
    regions: "",
  };
}

function CreateForm({ baselines, errors, preset }: { baselines: ExperimentsPageData["baselines"]; errors: FormErrors; preset: { variable: DeliveryVariable; name: string } }) {
  const [state, setState] = useState<FormState>(() => ({ ...initialState(preset.variable), name: preset.name }));
  const navigation = useNavigation();
  const def = DELIVERY_VARIABLES[state.variable];
  const set = <K extends keyof FormState>(key: K) => (value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));
  const storeRate = storeBaseline(state.variable, Number(state.windowDays), baselines);
  const hypothesis = useMemo(() => hypothesisFor(state.variable, state.treatments[0] ?? def.variants[1].key, Number(state.windowDays)), [state.variable, state.treatments, state.windowDays, def]);
  return (
    <Card>
      <Form method="post" id="new-experiment">
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            New experiment
          </Text>
          {errors.form ? (
            <Banner tone="critical">
              <p>{errors.form}</p>
            </Banner>
          ) : null}
          <FormLayout>
            <TextField label="Name" name="name" value={state.name} onChange={set("name")} autoComplete="off" error={errors.name} placeholder="e.g. Branded unboxing for first orders" />
            <Select
              label="What to test"
              name="variable"
              options={DELIVERY_VARIABLE_KEYS.map((k) => ({ label: DELIVERY_VARIABLES[k].label, value: k }))}
              value={state.variable}
              onChange={(v) => setState((s) => ({ ...initialState(v as DeliveryVariable), name: s.name, mde: s.mde, mdeKind: s.mdeKind, alpha: s.alpha, power: s.power }))}
              error={errors.variable}
              helpText={`Judged on: ${METRIC_LABELS[def.primaryMetric](Number(state.windowDays)).toLowerCase()}. Each ${def.unit} gets one variant.`}
            />
            <BlockStack gap="100">
              <ChoiceList
                allowMultiple
                title={`Variants to test (the current experience, “${def.variants[0].label}”, is always the control)`}
                name="treatmentChoices"
                choices={def.variants.slice(1).map((v) => ({ label: v.label, value: v.key }))}
                selected={state.treatments}
                onChange={(selected) => setState((s) => ({ ...s, treatments: selected }))}
                error={errors.treatments}
              />
              {state.treatments.map((t) => (
                <input key={t} type="hidden" name="treatments" value={t} />
              ))}
            </BlockStack>
            <Text as="p" tone="subdued">
              Hypothesis: {hypothesis}
            </Text>
            <FormLayout.Group>
              <Select label="Outcome window" name="windowDays" options={WINDOW_CHOICES.map((d) => ({ label: `${d} days`, value: String(d) }))} value={state.windowDays} onChange={set("windowDays")} error={errors.windowDays} />
              <TextField
                label="Smallest lift worth detecting"
                name="mde"
                type="number"
                value={state.mde}
                onChange={set("mde")}
                autoComplete="off"
                suffix={state.mdeKind === "absolute" ? "points" : "%"}
                error={errors.mde}
              />
              <Select
                label="Lift measured as"
                name="mdeKind"
                options={[
                  { label: "Percentage points", value: "absolute" },
                  { label: "Percent of the baseline", value: "relative" },
                ]}
                value={state.mdeKind}
                onChange={set("mdeKind")}
                error={errors.mdeKind}
              />
            </FormLayout.Group>
            <FormLayout.Group>
              <Select label="Significance level" name="alpha" options={ALPHA_CHOICES.map((a) => ({ label: a, value: a }))} value={state.alpha} onChange={set("alpha")} error={errors.alpha} />
              <Select label="Power" name="power" options={POWER_CHOICES.map((p) => ({ label: `${Math.round(Number(p) * 100)}%`, value: p }))} value={state.power} onChange={set("power")} error={errors.power} />
              <TextField
                label="Baseline rate"
                name="baseline"
                type="number"
                value={state.baseline}
                onChange={set("baseline")}
                autoComplete="off"
                suffix="%"
                placeholder={storeRate === null ? "required" : (storeRate * 100).toFixed(1)}
                helpText={storeRate === null ? "Your store has no measured rate for this yet." : "Leave empty to use your store's rate."}
                error={errors.baseline}
              />
            </FormLayout.Group>
            <BlockStack gap="100">
              <ChoiceList
                allowMultiple
                title="Who enters: shipping speeds (none ticked = every new customer)"
                name="speedChoices"
                choices={SPEED_CHOICES.map((c) => ({ label: c.label, value: c.value }))}
                selected={state.shippingSpeeds}
                onChange={(selected) => setState((s) => ({ ...s, shippingSpeeds: selected }))}
                error={errors.shippingSpeeds}
              />
              {state.shippingSpeeds.map((v) => (
                <input key={v} type="hidden" name="shippingSpeeds" value={v} />
              ))}
            </BlockStack>
            <TextField label="Regions (optional)" name="regions" value={state.regions} onChange={set("regions")} autoComplete="off" placeholder="US, CA-ON" error={errors.regions} />
          </FormLayout>
          <Card background="bg-surface-secondary">
            <BlockStack gap="200">
              <Text as="h3" variant="headingSm">
                Power analysis
              </Text>
              <PowerPreview state={state} baselines={baselines} />
            </BlockStack>
          </Card>
          <InlineStack align="end">
            <Button submit variant="primary" loading={navigation.state === "submitting"}>
              Save as draft
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}

export function ExperimentsPage({ data, errors = {} }: { data: ExperimentsPageData; errors?: FormErrors }) {
  const running = data.experiments.find((e) => e.status === "running");
  const [params] = useSearchParams();
  const asked = params.get("variable") ?? "";
  const preset = { variable: isDeliveryVariable(asked) ? asked : ("packaging" as DeliveryVariable), name: params.get("name") ?? "" };
  return (
    <Page title="Experiments" subtitle="Step 5 · Test what works: one delivery experiment at a time, judged on repeat purchases">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {running ? (
              <Banner tone="info" title={`“${running.name}” is running`}>
                <p>
                  New customers are enrolled as their first orders arrive. Another experiment on the same customers can start once it stops, so each result stays readable.
                </p>
              </Banner>
            ) : null}
            <ExperimentList experiments={data.experiments} />
            <Suggestions suggestions={data.suggestions} />
            <CreateForm key={`${preset.variable}|${preset.name}`} baselines={data.baselines} errors={errors} preset={preset} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                How experiments work
              </Text>
              <List type="bullet">
                <List.Item>Each customer (or order) gets a variant from a fixed hash of the experiment and its id: the same one every time.</List.Item>
                <List.Item>Results count only customers followed for the whole outcome window; time to a second order also uses the newer ones.</List.Item>
                <List.Item>The read-out checks the split first: a lopsided split means something broke and the result is not shown as a win.</List.Item>
              </List>
              <Text as="p" tone="subdued">
                Your store: {data.baselines.newCustomersPerMonth === null ? "new-customer volume not measured yet" : `about ${formatNumber(Math.round(data.baselines.newCustomersPerMonth))} new customers a month`}.
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
