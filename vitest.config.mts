import { defineConfig } from 'vitest/config';

const reporters: ('default' | ['json', { outputFile: string }])[] = ['default'];
// CI counts passes and failures from this file (see .ci/run).
if (process.env.CI) reporters.push(['json', { outputFile: 'reports/vitest.json' }]);

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    reporters,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
