/**
 * Catches a render error in one part of the screen and shows what went wrong with a "Reload view"
 * button, instead of React unmounting the whole app to a blank page. The document is untouched:
 * reloading re-renders the children from the store. A class because React offers error
 * boundaries only as classes (the one exception to "function components only").
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

import { Button } from './Button';

export interface ErrorBoundaryProps {
  readonly children: ReactNode;
  /** What the boundary wraps, for the message ("this panel"). */
  readonly label?: string;
  /** When it changes (e.g. another tab is chosen), a caught error is cleared. */
  readonly resetKey?: unknown;
}

interface ErrorBoundaryState {
  readonly error: Error | undefined;
  readonly resetKey: unknown;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: undefined, resetKey: this.props.resetKey };

  static getDerivedStateFromError(e: unknown): Partial<ErrorBoundaryState> {
    return { error: e instanceof Error ? e : new Error(String(e)) };
  }

  static getDerivedStateFromProps(
    props: ErrorBoundaryProps,
    state: ErrorBoundaryState,
  ): Partial<ErrorBoundaryState> | null {
    return Object.is(props.resetKey, state.resetKey)
      ? null
      : { error: undefined, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for the developer console; the user sees the message below.
    console.error('View crashed:', error, info.componentStack);
  }

  private readonly handleReload = (): void => this.setState({ error: undefined });

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="space-y-2 p-4 text-sm" data-testid="error-boundary">
        <p className="font-medium text-red-700 dark:text-red-300">
          Something went wrong in {this.props.label ?? 'this view'}.
        </p>
        <p
          className="font-mono text-xs break-words text-slate-600 dark:text-slate-400"
          data-testid="error-boundary.message"
        >
          {error.message || error.name}
        </p>
        <p className="text-slate-600 dark:text-slate-400">
          Your scenario is kept. Reload the view to try again.
        </p>
        <Button variant="primary" onClick={this.handleReload} data-testid="error-boundary.reload">
          Reload view
        </Button>
      </div>
    );
  }
}
