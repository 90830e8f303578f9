// Lint: TypeScript rules everywhere, plus the architecture rule that keeps the analytics core pure.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** The engine and the demo generator are pure: no framework, database, I/O or clock. */
const pureCoreImports = {
  patterns: [
    { group: ["@shopify/*", "@shopify/**"], message: "The analytics core must not depend on Shopify libraries." },
    { group: ["@prisma/*", "prisma", "prisma/*"], message: "The analytics core must not touch the database." },
    { group: ["react", "react-dom", "react/*", "@remix-run/*"], message: "The analytics core must not depend on UI code." },
    { group: ["node:*", "fs", "path", "http", "https", "crypto", "os", "child_process"], message: "The analytics core does no I/O." },
    { group: ["**/*.server", "**/*.server.ts", "~/*"], message: "The analytics core must not import server modules." },
  ],
};
const noClock = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "No clock in the analytics core: pass `asOf`." },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "No clock in the analytics core: pass `asOf`." },
  { selector: "MemberExpression[object.name='performance'][property.name='now']", message: "No clock in the analytics core." },
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "Deterministic only: use a seeded generator." },
];

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "extensions/*/dist/**", "extensions/*/shopify.d.ts", ".cache/**", "coverage/**", "artifacts/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly", fetch: "readonly", setTimeout: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/engine/**/*.ts", "app/demo/**/*.ts"],
    ignores: ["**/*.test.ts", "**/testing/**"],
    rules: {
      "no-restricted-imports": ["error", pureCoreImports],
      "no-restricted-syntax": ["error", ...noClock],
    },
  },
  {
    // Node scripts run outside the bundler.
    files: ["scripts/**/*.mjs", "*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", fetch: "readonly", setTimeout: "readonly" } },
  },
);
