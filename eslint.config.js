// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Lint: ESLint's and typescript-eslint's recommended rules, syntax only (no type information, so it
 * stays fast; `npm run typecheck` is the type check). Options, not exceptions:
 * - an unused name starting with `_` is deliberate (a field left out of a rest copy);
 * - `let [a, b] = …` is fine when one of them is reassigned later;
 * - Playwright fixtures take `({}, use)`: Playwright reads the destructured names to wire fixtures.
 */
export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "client/dist/", "data/", "test-results/", "tests/e2e/artifacts/", "playwright-report/", "bench/out/", "sim-out/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      "prefer-const": ["error", { destructuring: "all" }],
      "no-empty-pattern": ["error", { allowObjectPatternsAsParameters: true }],
    },
  },
  {
    // Server → client messages go through server/rooms/send.ts, typed by the registry in shared/protocol/server-messages.ts.
    files: ["server/**/*.ts"],
    ignores: ["server/rooms/send.ts", "server/**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name=/^(send|broadcast)$/][arguments.0.type='Literal'][arguments.length>=2]",
          message: "Send server messages with sendTableMessage / sendClassMessage (server/rooms/send.ts), so every type has a schema in shared/protocol/server-messages.ts.",
        },
      ],
    },
  },
  {
    // The production Phaser bundle entry is CommonJS (it requires Phaser's source modules).
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
