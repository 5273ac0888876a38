// Lint rules for the server, the tests and the web app.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", ".tmp/", "src/web/api/schema.d.ts", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { process: "readonly", console: "readonly", URL: "readonly", crypto: "readonly", fetch: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", structuredClone: "readonly", Headers: "readonly", AbortController: "readonly", TextEncoder: "readonly", TextDecoder: "readonly", performance: "readonly", setImmediate: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-control-regex": "off",
      eqeqeq: ["error", "always"],
    },
  },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } } },
  {
    files: ["src/web/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    languageOptions: { globals: { window: "readonly", document: "readonly", localStorage: "readonly", navigator: "readonly", HTMLElement: "readonly", Blob: "readonly", FormData: "readonly", File: "readonly", RequestInit: "readonly", Response: "readonly", Request: "readonly" } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
