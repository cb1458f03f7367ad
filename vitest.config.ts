import { defineConfig } from "vitest/config";

// Two projects: fast unit tests of the add-in logic, and browser tests against the real service.
export default defineConfig({
  // What scripts/build-addin.mjs defines for a build with Entra ID sign-in compiled in.
  define: { __TLSPREFLIGHT_NAA__: "true" },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "addin",
          include: ["tests/addin/**/*.test.ts"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
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
