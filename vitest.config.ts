import { defineConfig } from 'vitest/config';

/**
 * Two projects: the unit tests (parallel, fast) run first; then the hypotheses, one file at a time,
 * because each hypothesis file already spreads its training runs over every core (src/engine/pool.ts).
 * The Allure reporter writes raw results that `npm run verify` / `grokcheck report` turn into HTML.
 */
export default defineConfig({
  test: {
    reporters: ['default', ['allure-vitest/reporter', { resultsDir: 'reports/allure-results' }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          setupFiles: ['allure-vitest/setup'],
          testTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'hypotheses',
          include: ['hypotheses/**/*.spec.ts'],
          setupFiles: ['allure-vitest/setup'],
          fileParallelism: false,
          testTimeout: 30 * 60_000,
          hookTimeout: 30 * 60_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
