import { describe, expect, it } from "vitest";
import { hashString, KeyIndex } from "./key-index";

describe("KeyIndex", () => {
  it("assigns dense ids in insertion order and finds them again", () => {
    const k = new KeyIndex(2);
    expect(k.add("b")).toBe(0);
    expect(k.add("a")).toBe(1);
    expect(k.add("b")).toBe(0);
    expect(k.indexOf("a")).toBe(1);
    expect(k.indexOf("zzz")).toBe(-1);
    expect(k.keys).toEqual(["b", "a"]);
  });
  it("survives growth and many similar keys", () => {
    const k = new KeyIndex();
    for (let i = 0; i < 5000; i++) expect(k.add(`gid://shopify/Customer/${i}`)).toBe(i);
    for (let i = 0; i < 5000; i++) expect(k.indexOf(`gid://shopify/Customer/${i}`)).toBe(i);
    expect(k.size).toBe(5000);
    expect(k.add("")).toBe(5000);
    expect(k.indexOf("")).toBe(5000);
  });
  it("hash is deterministic", () => {
    expect(hashString("abc")).toBe(hashString("abc"));
    expect(hashString("abc")).not.toBe(hashString("abd"));
  });
});

describe("KeyIndex.append (keys known to be new, hashed at the next lookup)", () => {
  it("numbers appended keys like added ones and finds them, across growth, mixed with adds", () => {
    const k = new KeyIndex(2);
    const id = (i: number) => `gid://shopify/Customer/${i}`;
    for (let i = 0; i < 3000; i++) expect(i % 3 === 0 ? k.add(id(i)) : k.append(id(i))).toBe(i);
    expect(k.size).toBe(3000);
    for (let i = 0; i < 3000; i++) expect(k.indexOf(id(i))).toBe(i);
    for (let i = 0; i < 3000; i++) expect(k.add(id(i))).toBe(i);
    expect(k.append(id(3000))).toBe(3000);
    expect(k.add(id(3000))).toBe(3000);
    expect(k.indexOf("absent")).toBe(-1);
    expect(k.size).toBe(3001);
  });
});

describe("KeyIndex with shared prefixes and long keys", () => {
  it("keeps keys that differ only before the hashed tail apart", () => {
    const k = new KeyIndex();
    const tail = "x".repeat(30);
    expect(k.add(`a${tail}`)).toBe(0);
    expect(k.add(`b${tail}`)).toBe(1); // same hash, told apart by comparison
    expect(k.indexOf(`a${tail}`)).toBe(0);
    expect(k.indexOf(`b${tail}`)).toBe(1);
  });
});

describe("KeyIndex across indexes (remembered hashes)", () => {
  it("gives the same answers when the same ids alternate between indexes, as equal strings or new objects", () => {
    const a = new KeyIndex(4);
    const b = new KeyIndex(4);
    const fresh = (s: string) => JSON.parse(JSON.stringify(s)) as string;
    for (let i = 0; i < 500; i++) {
      const order = `gid://shopify/Order/${1000 + i}`;
      const customer = `gid://shopify/Customer/${i % 37}`;
      const next = a.size;
      expect(a.add(order)).toBe(next);
      expect(a.add(fresh(customer))).toBe(a.keys.indexOf(customer));
      expect(b.add(fresh(order))).toBe(i);
      expect(b.indexOf(fresh(customer))).toBe(-1);
      expect(a.indexOf(fresh(customer))).toBe(a.keys.indexOf(customer));
    }
    expect(a.size).toBe(500 + 37);
    expect(b.size).toBe(500);
  });
});
