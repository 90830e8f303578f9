import { describe, expect, it } from "vitest";
import de from "../locales/de.json";
import en from "../locales/en.default.json";
import fr from "../locales/fr.json";

type Messages = { [key: string]: string | Messages };

function entries(messages: Messages, prefix = ""): Array<[string, string]> {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : entries(value, `${prefix}${key}.`),
  );
}

describe("account locales", () => {
  const english = new Map(entries(en));
  it.each([
    ["fr", fr],
    ["de", de],
  ])("%s translates exactly the English keys, keeps placeholders, none left in English", (_name, messages) => {
    const translated = entries(messages);
    expect(translated.map(([key]) => key).sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of translated) {
      expect(text.trim(), key).not.toBe("");
      expect(text.match(/\{\{\s*\w+\s*\}\}/g) ?? [], key).toEqual(english.get(key)?.match(/\{\{\s*\w+\s*\}\}/g) ?? []);
      if (text.length > 12) expect(text, key).not.toBe(english.get(key));
    }
  });
});
