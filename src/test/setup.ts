export {};
// Shared test setup. Only DOM-based (jsdom) test files need jest-dom matchers and a fake canvas.
if (typeof window !== 'undefined') {
  await import('@testing-library/jest-dom/vitest');
  await import('vitest-canvas-mock');
}
