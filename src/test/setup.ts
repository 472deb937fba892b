// Shared test setup. Only DOM-based (jsdom) test files need jest-dom matchers, a fake canvas and
// Testing Library's cleanup between tests.
export {};

if (typeof window !== 'undefined') {
  await import('@testing-library/jest-dom/vitest');
  await import('vitest-canvas-mock');
  const { afterEach } = await import('vitest');
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => cleanup());
}
