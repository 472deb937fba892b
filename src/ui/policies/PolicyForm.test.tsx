// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { AppStoreProvider, createAppStore } from '@/state';

import { PolicyForm } from './PolicyForm';

describe('PolicyForm', () => {
  it('says before saving that a taken name replaces that policy, and replaces it (one policy)', () => {
    const store = createAppStore();
    const onDone = vi.fn();
    const ui = (
      <AppStoreProvider store={store}>
        <PolicyForm onDone={onDone} />
      </AppStoreProvider>
    );
    const { unmount } = render(ui);
    expect(screen.getByTestId('pf.submit')).toHaveTextContent('Add policy');
    fireEvent.click(screen.getByTestId('pf.submit'));
    expect(store.getState().scenario.networkPolicies).toHaveLength(1);
    unmount();

    render(ui); // same namespace and name as the one just added
    expect(screen.getByTestId('pf.submit')).toHaveTextContent('Replace policy');
    expect(screen.getByText(/exists: saving replaces it/)).toBeInTheDocument();
    fireEvent.change(screen.getByTestId('pf.name'), { target: { value: 'another' } });
    expect(screen.getByTestId('pf.submit')).toHaveTextContent('Add policy');
  });
});
