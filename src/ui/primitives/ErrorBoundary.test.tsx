// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ErrorBoundary } from './ErrorBoundary';

let crash = true;
function Fragile() {
  if (crash) throw new Error('from is not iterable');
  return <p>all good</p>;
}

describe('ErrorBoundary', () => {
  beforeEach(() => {
    crash = true;
    // React and the boundary log the caught error; keep the test output readable.
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows a readable message instead of a blank page, and Reload view renders again', () => {
    render(
      <div>
        <p>outside</p>
        <ErrorBoundary label="this panel">
          <Fragile />
        </ErrorBoundary>
      </div>,
    );
    expect(screen.getByText('outside')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong in this panel.');
    expect(screen.getByTestId('error-boundary.message')).toHaveTextContent('from is not iterable');
    crash = false;
    act(() => void fireEvent.click(screen.getByRole('button', { name: 'Reload view' })));
    expect(screen.getByText('all good')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the error again when the view still crashes', () => {
    render(
      <ErrorBoundary>
        <Fragile />
      </ErrorBoundary>,
    );
    act(() => void fireEvent.click(screen.getByTestId('error-boundary.reload')));
    expect(screen.getByTestId('error-boundary')).toHaveTextContent(
      'Something went wrong in this view.',
    );
  });

  it('clears the error when resetKey changes (another tab)', () => {
    const { rerender } = render(
      <ErrorBoundary resetKey="policies">
        <Fragile />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toBeInTheDocument();
    crash = false;
    rerender(
      <ErrorBoundary resetKey="matrix">
        <Fragile />
      </ErrorBoundary>,
    );
    expect(screen.getByText('all good')).toBeInTheDocument();
  });
});
