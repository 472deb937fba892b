// Shared test setup. The parts of the core the app loads on demand (the tracer, the Calico and
// Cilium datapaths) are loaded up front, so stores and components see them at once. Only DOM-based
// (jsdom) test files need jest-dom matchers, a fake canvas and Testing Library's cleanup.
import { loadAllDatapaths, loadTracing } from '@/sim';

await Promise.all([loadTracing(), loadAllDatapaths()]);

if (typeof window !== 'undefined') {
  await import('@testing-library/jest-dom/vitest');
  await import('vitest-canvas-mock');
  const { afterEach } = await import('vitest');
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => cleanup());
}
