import { defineConfig } from 'vitest/config';

// Browser journeys against the built app (npm run build first) in Debian's Chromium.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The browser does real work (a load, a fit, a re-score) before a poll can pass; vitest's 1 s
    // default held on an idle machine but not under load (two journeys failed with a benchmark running).
    expect: { poll: { timeout: 15_000 } },
    reporters: ['default', ['json', { outputFile: 'test-results/e2e.json' }]],
  },
});
