// Catches a page that fails to render (a chunk that could not be loaded, a bug) so the rest
// of the portal stays usable; a new location clears it.
import { Component, type ReactNode } from "react";
import { useLocation } from "react-router";
import { RenderErrorPage } from "./status-pages";

interface BoundaryProps {
  children: ReactNode;
}

interface BoundaryState {
  error: unknown;
  failed: boolean;
}

class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, failed: false };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error, failed: true };
  }

  override render() {
    return this.state.failed ? <RenderErrorPage error={this.state.error} /> : this.props.children;
  }
}

export function PageErrorBoundary({ children }: BoundaryProps) {
  const location = useLocation();
  return <Boundary key={location.pathname}>{children}</Boundary>;
}
