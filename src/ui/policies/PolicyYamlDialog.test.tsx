// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import type { NetworkPolicy } from '@/sim';
import { AppStoreProvider, createAppStore } from '@/state';

import { PolicyYamlDialog } from './PolicyYamlDialog';

/** A policy saved before the editor checked shapes: `from` is a map, `ports` a number. */
const BROKEN = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'legacy', namespace: 'default' },
  spec: { podSelector: {}, ingress: [{ from: { podSelector: {} }, ports: 80 }] },
} as unknown as NetworkPolicy;

describe('PolicyYamlDialog', () => {
  it('opens a broken policy without crashing: problems on their lines, Save disabled', () => {
    const store = createAppStore();
    const onDone = vi.fn();
    render(
      <AppStoreProvider store={store}>
        <PolicyYamlDialog policy={BROKEN} onDone={onDone} />
      </AppStoreProvider>,
    );
    const status = screen.getByTestId('policy-yaml.status');
    expect(status).toHaveTextContent(/line \d+: spec\.ingress\[0\]\.from must be a list of peers/);
    expect(status).toHaveTextContent(/line \d+: spec\.ingress\[0\]\.ports must be a list of ports/);
    expect(screen.getByTestId('policy-yaml.save')).toBeDisabled();
    expect(store.getState().scenario.networkPolicies).toEqual([]);
  });
});
