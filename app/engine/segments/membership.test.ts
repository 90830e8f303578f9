import { describe, expect, it } from "vitest";
import { isoDate, money, oneDecimal, ordinal, percent, plural } from "./membership";

describe("merchant-facing formatting", () => {
  it("money groups thousands and keeps two decimals", () => {
    expect(money(0)).toBe("0.00");
    expect(money(5)).toBe("0.05");
    expect(money(99_999)).toBe("999.99");
    expect(money(100_000)).toBe("1,000.00");
    expect(money(123_456_789, "USD")).toBe("1,234,567.89 USD");
    expect(money(-250_050, "EUR")).toBe("-2,500.50 EUR");
    expect(money(1234.4)).toBe("12.34");
  });

  it("percent, plural, ordinal, one decimal, date", () => {
    expect(percent(0.6)).toBe("60%");
    expect(percent(2 / 3)).toBe("67%");
    expect(plural(1, "order")).toBe("1 order");
    expect(plural(2, "shipped order")).toBe("2 shipped orders");
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th",
    ]);
    expect(oneDecimal(30)).toBe("30");
    expect(oneDecimal(29.54)).toBe("29.5");
    expect(isoDate(Date.UTC(2024, 2, 5, 23, 59))).toBe("2024-03-05");
  });
});
