import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Three projects in order: the unit tests (parallel, fast); the hypotheses, one file at a time in one worker,
 * because each hypothesis file already spreads its training runs over every core (src/runs/pool.ts); and the
 * report's browser test, which needs the hypotheses' results.
 * The Allure reporter writes raw results that `npm run verify` / `grokcheck report` turn into HTML.
 */
export default defineConfig({
  test: {
    reporters: ['default', ['allure-vitest/reporter', { resultsDir: process.env.GROKCHECK_ALLURE_RESULTS ?? 'reports/allure-results' }]],
    globalSetup: ['src/report/globalSetup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'hypotheses/**/*.test.ts'],
          exclude: ['src/**/*.e2e.test.ts'],
          setupFiles: ['allure-vitest/setup'],
          testTimeout: 60_000,
          // every core (vitest's default leaves one for its own thread, which here idles: on 2 cores that ran the
          // unit files one at a time)
          maxWorkers: availableParallelism(),
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'hypotheses',
          include: ['hypotheses/**/*.spec.ts'],
          setupFiles: ['allure-vitest/setup'],
          fileParallelism: false,
          // one worker imports the engine, statistics and report once for every file (with the run store warm,
          // importing them again per file was most of the suite's time); the files share no mutable state
          isolate: false,
          testTimeout: 30 * 60_000,
          hookTimeout: 30 * 60_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'report',
          include: ['src/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          // the browser test once more when it fails (headless Chromium on a loaded CI machine has timed out before)
          retry: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
