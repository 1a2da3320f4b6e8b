import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "**/*.tmp.ts", "node_modules/**", "next-env.d.ts", "bench/results/**", ".data/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true, argsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests assert on response bodies field by field; typing every body would restate the zod
    // contracts the code under test already enforces.
    files: ["tests/**", "e2e/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The embedded Opik server is "just another Opik server": it may use the wire contracts in
    // lib/opik but nothing of the dashboard, so it could be lifted out or replaced by real Opik.
    files: ["lib/embedded/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["@/components/*", "@/app/*", "@/lib/spans/*", "react", "next/*"] },
      ],
    },
  },
  {
    // lib/ is framework-agnostic logic; UI lives in components/ and app/.
    files: ["lib/**"],
    ignores: ["lib/embedded/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/components/*", "@/app/*"] }],
    },
  },
];

export default config;
