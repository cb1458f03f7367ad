import { defineConfig } from "vitest/config";

// Two projects: fast unit tests of the add-in logic, and browser tests against the real service.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "addin",
          include: ["tests/addin/**/*.test.ts"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 240_000,
          // One service and one browser at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
