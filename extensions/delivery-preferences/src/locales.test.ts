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

describe("locales", () => {
  const keys = entries(en).map(([key]) => key).sort();

  it.each([
    ["fr", fr],
    ["de", de],
  ])("%s translates exactly the English keys, none left empty or in English", (_name, messages) => {
    const translated = entries(messages);
    expect(translated.map(([key]) => key).sort()).toEqual(keys);
    const english = new Map(entries(en));
    for (const [key, text] of translated) {
      expect(text.trim(), key).not.toBe("");
      if (text.length > 12) expect(text, key).not.toBe(english.get(key));
    }
  });
});
