import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "public/build/", ".cache/", ".data/", "node_modules/", "db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,cjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: { ...reactHooks.configs.recommended.rules, ...jsxA11y.flatConfigs.recommended.rules },
  },
  {
    // lucia lives in one room: app/modules/auth/.
    files: ["**/*.{ts,tsx}"],
    ignores: ["app/modules/auth/**"],
    rules: { "no-restricted-imports": ["error", { paths: [{ name: "lucia", message: "Only app/modules/auth/ imports lucia." }] }] },
  },
  {
    // With the classic compiler only *.server modules are kept out of the browser bundle, silently:
    // database and search code may be reached from nowhere else in app/.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.server.{ts,tsx}", "app/**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(#|(\\.\\./)+)(?!db/schema/[a-z-]+-enums$)(db|search)(/|$)",
              message: "Only *.server.ts files in app/ may import from db/ or search/ (plain lists in db/schema/*-enums.ts excepted).",
            },
          ],
          paths: [{ name: "lucia", message: "Only app/modules/auth/ imports lucia." }],
        },
      ],
    },
  },
  {
    // The data layer stays at the bottom: db/ and search/ never reach up into the app, the tests or the scripts.
    files: ["db/**/*.{ts,tsx}", "search/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ regex: "^(#|(\\.\\./)+)(app|scripts)(/|$)", message: "db/ and search/ never import from app/ or scripts/." }],
          paths: [{ name: "lucia", message: "Only app/modules/auth/ imports lucia." }],
        },
      ],
    },
  },
  {
    // Server code writes through the logger (app/utils/log.server.ts), so production logs are JSON only.
    // The browser entry runs in the browser alone; a component's browser-only line says so where it stands.
    files: ["app/**/*.{ts,tsx}", "db/**/*.{ts,tsx}", "search/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}", "app/entry.client.tsx"],
    rules: { "no-console": "error" },
  },
  {
    // search/ sits on db/, never the other way round.
    files: ["db/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(#|(\\.\\./)+)(app|scripts)(/|$)", message: "db/ and search/ never import from app/ or scripts/." },
            { regex: "^(#|(\\.\\./)+)search(/|$)", message: "db/ never imports from search/." },
          ],
          paths: [{ name: "lucia", message: "Only app/modules/auth/ imports lucia." }],
        },
      ],
    },
  },
);
