import { defineConfig } from "vitest/config";

// Tests run against each package's TypeScript source (the "@connect-mesh/source" export condition), so they
// need no build; `node` runs the built dist/ through the ordinary "default" condition.
const resolveSources = {
  resolve: { conditions: ["@connect-mesh/source"] },
  ssr: { resolve: { conditions: ["@connect-mesh/source"], externalConditions: ["@connect-mesh/source"] } },
};

export default defineConfig({
  test: {
    reporters: ["default", "./test/closing-line-reporter.ts"],
    projects: [
      {
        ...resolveSources,
        test: {
          name: "unit",
          include: [
            "libs/*/src/**/*.test.ts",
            "deploy/src/**/*.test.ts",
            "services/**/src/**/*.test.ts",
            "bench/src/**/*.test.ts",
          ],
        },
      },
      {
        ...resolveSources,
        test: {
          name: "integration",
          include: ["test/**/*.int.test.ts", "libs/*/test/**/*.int.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          // One shared stack on two cores: files run one after another so timing-sensitive tests are not starved.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
