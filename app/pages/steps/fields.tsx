/** Polaris inputs that post with a plain Remix <Form>: each keeps its own text and carries a `name`. */
import { useState } from "react";
import { Select, TextField } from "@shopify/polaris";

interface FieldProps {
  name: string;
  label: string;
  defaults: Record<string, string>;
  errors?: Record<string, string>;
  helpText?: string;
}

export function FormTextField({ name, label, defaults, errors, helpText, suffix, prefix, multiline, inputMode }: FieldProps & {
  suffix?: string;
  prefix?: string;
  multiline?: number;
  inputMode?: "decimal" | "numeric" | "text";
}) {
  const [value, setValue] = useState(defaults[name] ?? "");
  return (
    <TextField
      label={label}
      name={name}
      id={`field-${name}`}
      value={value}
      onChange={setValue}
      autoComplete="off"
      error={errors?.[name]}
      helpText={helpText}
      suffix={suffix}
      prefix={prefix}
      multiline={multiline}
      inputMode={inputMode}
    />
  );
}

export function FormSelect({ name, label, defaults, errors, helpText, options }: FieldProps & { options: Array<{ label: string; value: string }> }) {
  const [value, setValue] = useState(defaults[name] ?? "");
  return (
    <Select label={label} name={name} id={`field-${name}`} value={value} onChange={setValue} options={[{ label: "Not sure / skip", value: "" }, ...options]} error={errors?.[name]} helpText={helpText} />
  );
}
