/**
 * Step 2's exception rules: per exception, branches checked top to bottom ("if … then …") and a
 * fallback, with how many past orders each path would have taken. Counts are of the saved rules
 * (they refresh on save). Nothing here is sent to customers.
 */
import { useState } from "react";
import { Form, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, Checkbox, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import {
  ACTION_LABELS,
  ACTION_TYPES,
  CUSTOMER_LABELS,
  CUSTOMER_TYPES,
  EXCEPTION_LABELS,
  type ActionType,
  type CustomerType,
  type ExceptionRule,
  type OutcomeCount,
} from "../../engine/exception-rules";
import type { RuleEditorData } from "../../data/exception-rules.server";
import { formatDate, formatMoney, formatNumber } from "../../lib/format";

interface ActionDraft {
  type: ActionType;
  creditAmount: string;
}
interface BranchDraft {
  customer: CustomerType;
  minPriorSpend: string;
  minOrderValue: string;
  minDaysLate: string;
  action: ActionDraft;
}
interface RuleDraft {
  exception: ExceptionRule["exception"];
  enabled: boolean;
  branches: BranchDraft[];
  otherwise: ActionDraft;
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));
/** Blank → null; a number → the number; anything else is sent as typed so validation names the field. */
const num = (s: string): number | string | null => (s.trim() === "" ? null : Number.isFinite(Number(s)) ? Number(s) : s);

const toActionDraft = (a: ExceptionRule["definition"]["otherwise"]): ActionDraft => ({ type: a.type, creditAmount: text(a.creditAmount) });
const toDraft = (r: ExceptionRule): RuleDraft => ({
  exception: r.exception,
  enabled: r.enabled,
  branches: r.definition.branches.map((b) => ({ customer: b.customer, minPriorSpend: text(b.minPriorSpend), minOrderValue: text(b.minOrderValue), minDaysLate: text(b.minDaysLate), action: toActionDraft(b.action) })),
  otherwise: toActionDraft(r.definition.otherwise),
});
const fromActionDraft = (a: ActionDraft) => (a.type === "store_credit" ? { type: a.type, creditAmount: num(a.creditAmount) } : { type: a.type });
const fromDraft = (d: RuleDraft) => ({
  exception: d.exception,
  enabled: d.enabled,
  definition: {
    branches: d.branches.map((b) => ({ customer: b.customer, minPriorSpend: num(b.minPriorSpend), minOrderValue: num(b.minOrderValue), minDaysLate: num(b.minDaysLate), action: fromActionDraft(b.action) })),
    otherwise: fromActionDraft(d.otherwise),
  },
});

const actionOptions = ACTION_TYPES.map((t) => ({ label: ACTION_LABELS[t], value: t }));
const customerOptions = CUSTOMER_TYPES.map((t) => ({ label: CUSTOMER_LABELS[t], value: t }));

function countText(c: OutcomeCount | undefined, currency: string): string {
  if (!c) return "";
  const credit = c.credit > 0 ? `, ${formatMoney(c.credit, currency)} in credit` : "";
  return `Would have applied to ${formatNumber(c.orders)} past orders (${formatNumber(c.lastYear)} in the last 12 months${credit})`;
}

function ActionFields({ id, value, onChange, errors, currency }: { id: string; value: ActionDraft; onChange: (a: ActionDraft) => void; errors: Record<string, string>; currency: string }) {
  return (
    <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
      <Select label="Then" id={`${id}-action`} options={actionOptions} value={value.type} onChange={(t) => onChange({ ...value, type: t as ActionType })} error={errors[`${id}.type`]} />
      {value.type === "store_credit" ? (
        <TextField
          label="Credit amount"
          id={`${id}-credit`}
          prefix={currency}
          autoComplete="off"
          inputMode="decimal"
          value={value.creditAmount}
          onChange={(v) => onChange({ ...value, creditAmount: v })}
          error={errors[`${id}.creditAmount`]}
        />
      ) : null}
    </InlineGrid>
  );
}

function RuleCard({ index, draft, onChange, counts, errors, currency, vipSpend }: {
  index: number;
  draft: RuleDraft;
  onChange: (d: RuleDraft) => void;
  counts: RuleEditorData["counts"][number] | undefined;
  errors: Record<string, string>;
  currency: string;
  vipSpend: number | null;
}) {
  const path = `rules.${index}.definition`;
  const setBranch = (i: number, b: BranchDraft) => onChange({ ...draft, branches: draft.branches.map((x, j) => (j === i ? b : x)) });
  const isDelay = draft.exception === "delay";
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingSm">
            {EXCEPTION_LABELS[draft.exception]}
          </Text>
          <Checkbox label="Rule on" checked={draft.enabled} onChange={(v) => onChange({ ...draft, enabled: v })} />
        </InlineStack>
        {counts ? (
          <Text as="p" tone="subdued">
            {formatNumber(counts.orders)} past orders had this exception
            {counts.perMonth !== null ? `, about ${formatNumber(Math.round(counts.perMonth))} a month` : ""}.
          </Text>
        ) : null}
        {draft.branches.map((b, i) => {
          const id = `${path}.branches.${i}`;
          return (
            <Box key={i} padding="300" background="bg-surface-secondary" borderRadius="200">
              <BlockStack gap="200">
                <Text as="h4" variant="headingXs">
                  {i === 0 ? "If" : "Else if"}
                </Text>
                <InlineGrid columns={{ xs: 1, md: isDelay ? 4 : 3 }} gap="200">
                  <Select label="Customer" id={`${id}-customer`} options={customerOptions} value={b.customer} onChange={(v) => setBranch(i, { ...b, customer: v as CustomerType })} error={errors[`${id}.customer`]} />
                  <TextField
                    label="Had spent at least"
                    id={`${id}-spend`}
                    prefix={currency}
                    autoComplete="off"
                    inputMode="decimal"
                    value={b.minPriorSpend}
                    onChange={(v) => setBranch(i, { ...b, minPriorSpend: v })}
                    error={errors[`${id}.minPriorSpend`]}
                    helpText={vipSpend !== null ? `Top 10% had spent ${formatMoney(vipSpend, currency)}` : undefined}
                  />
                  <TextField label="Order value at least" id={`${id}-value`} prefix={currency} autoComplete="off" inputMode="decimal" value={b.minOrderValue} onChange={(v) => setBranch(i, { ...b, minOrderValue: v })} error={errors[`${id}.minOrderValue`]} />
                  {isDelay ? (
                    <TextField label="Days late at least" id={`${id}-late`} autoComplete="off" inputMode="numeric" value={b.minDaysLate} onChange={(v) => setBranch(i, { ...b, minDaysLate: v })} error={errors[`${id}.minDaysLate`]} />
                  ) : null}
                </InlineGrid>
                <ActionFields id={`${id}.action`} value={b.action} onChange={(a) => setBranch(i, { ...b, action: a })} errors={errors} currency={currency} />
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="p" variant="bodySm" tone="subdued">
                    {countText(counts?.branches[i], currency)}
                  </Text>
                  <Button variant="plain" tone="critical" onClick={() => onChange({ ...draft, branches: draft.branches.filter((_, j) => j !== i) })} accessibilityLabel={`Remove condition ${i + 1} of ${EXCEPTION_LABELS[draft.exception]}`}>
                    Remove
                  </Button>
                </InlineStack>
              </BlockStack>
            </Box>
          );
        })}
        <Box padding="300" background="bg-surface-secondary" borderRadius="200">
          <BlockStack gap="200">
            <Text as="h4" variant="headingXs">
              {draft.branches.length === 0 ? "Always" : "Otherwise"}
            </Text>
            <ActionFields id={`${path}.otherwise`} value={draft.otherwise} onChange={(a) => onChange({ ...draft, otherwise: a })} errors={errors} currency={currency} />
            <Text as="p" variant="bodySm" tone="subdued">
              {countText(counts?.otherwise, currency)}
            </Text>
          </BlockStack>
        </Box>
        <InlineStack>
          <Button
            disabled={draft.branches.length >= 10}
            onClick={() => onChange({ ...draft, branches: [...draft.branches, { customer: "any", minPriorSpend: "", minOrderValue: "", minDaysLate: "", action: { type: "human_review", creditAmount: "" } }] })}
          >
            Add a condition
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

export function ExceptionRulesEditor({ data, currency, errors, saved }: { data: RuleEditorData; currency: string; errors?: Record<string, string>; saved: boolean }) {
  const [drafts, setDrafts] = useState<RuleDraft[]>(() => data.rules.map(toDraft));
  const nav = useNavigation();
  const saving = nav.state === "submitting" && nav.formData?.get("intent") === "rules";
  const errs = errors ?? {};
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="rules" />
      <input type="hidden" name="rules" value={JSON.stringify({ rules: drafts.map(fromDraft) })} />
      <BlockStack gap="400">
        <Text as="p">
          Decide what your team does when a delivery goes wrong. Conditions are checked from the top; the first that fits wins. These rules only recommend
          actions: nothing is sent to customers. {data.saved ? "" : "These are suggestions until you save them."}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          Counts cover {formatNumber(data.ordersScanned)} orders up to {formatDate(new Date(data.factsAsOf).toISOString())}.
        </Text>
        {Object.keys(errs).length > 0 ? (
          <Banner tone="critical" title="Some rules need a fix">
            <p>{Object.values(errs)[0]}</p>
          </Banner>
        ) : null}
        {saved ? <Banner tone="success" title="Rules saved. The counts below use them." /> : null}
        {drafts.map((d, i) => (
          <RuleCard key={d.exception} index={i} draft={d} counts={data.counts[i]} errors={errs} currency={currency} vipSpend={data.vipSpend} onChange={(nd) => setDrafts(drafts.map((x, j) => (j === i ? nd : x)))} />
        ))}
        <InlineStack>
          <Button submit variant="primary" loading={saving}>
            Save rules
          </Button>
        </InlineStack>
      </BlockStack>
    </Form>
  );
}
