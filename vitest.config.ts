import { fileURLToPath, URL } from 'node:url';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  test: {
    // Node is the default; component tests opt into jsdom with `// @vitest-environment jsdom`.
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'kernel/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    // A safety limit, not a speed check: property tests (10,000 fuzzed links, 1,000-pod matrices)
    // take seconds on a busy 2-core CI machine. Speed is measured by `npm run bench`.
    testTimeout: 60_000,
  },
});
