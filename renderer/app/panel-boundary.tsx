/**
 * An error boundary around each dock panel and overlay: a panel that throws while rendering shows
 * what went wrong and a "Try again" button, and the rest of the workstation keeps working (without
 * it, one broken panel would blank the whole screen, order book included).
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Props: what is inside, and its name for the message. */
export interface PanelBoundaryProps {
  readonly name: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

/** The boundary (React needs a class for this). */
export class PanelBoundary extends Component<PanelBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`panel ${this.props.name} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <div className="panel-failed" role="alert" data-testid="panel-failed">
        <strong>{this.props.name} stopped working.</strong>
        <p className="dim">{error.message}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
