// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { AppStoreProvider, createAppStore } from '@/state';

import { NetworkPanel } from './NetworkPanel';

function setup() {
  const store = createAppStore();
  render(
    <AppStoreProvider store={store}>
      <NetworkPanel />
    </AppStoreProvider>,
  );
  return store;
}

describe('NetworkPanel', () => {
  it('keeps a draft that does not parse in the field, with its message, and does not apply it', () => {
    const store = setup();
    const input = screen.getByTestId('net.serviceSubnet') as HTMLInputElement;
    act(() => {
      input.focus();
      fireEvent.change(input, { target: { value: '10.96.0.0/33' } });
    });
    expect(input.value).toBe('10.96.0.0/33');
    expect(screen.getByTestId('net.serviceSubnet.error').textContent).toMatch(
      /prefix length must be 0–32/,
    );
    expect(store.getState().scenario.cluster.serviceSubnet).toBe('10.96.0.0/12');
  });

  it('applies a valid overlapping value at once and shows the overlap under the field', () => {
    const store = setup();
    const input = screen.getByTestId('net.serviceSubnet') as HTMLInputElement;
    act(() => {
      input.focus();
      fireEvent.change(input, { target: { value: '10.244.0.0/20' } });
    });
    expect(store.getState().scenario.cluster.serviceSubnet).toBe('10.244.0.0/20');
    expect(screen.getByTestId('net.serviceSubnet.error').textContent).toMatch(
      /overlaps Pod CIDR 10\.244\.0\.0\/16: both contain 10\.244\.0\.0–10\.244\.15\.255/,
    );
  });

  it('shows the capacity of the address plan', () => {
    setup();
    expect(screen.getByTestId('capacity.IPv4.max-nodes').textContent).toMatch(/^256 \(have 2\)/);
  });
});
