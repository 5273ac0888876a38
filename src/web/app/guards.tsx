// Route guards: the portal needs a session, each screen a role that may open it.
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { mayOpen, type ScreenId } from "./menu";
import { useSession } from "./session";
import { ForbiddenPage } from "./status-pages";

interface LoginState {
  /** Where to go after login: the page first asked for, never one of a previous user. */
  from?: string;
}

function isLoginState(value: unknown): value is LoginState {
  return typeof value === "object" && value !== null && (!("from" in value) || typeof value.from === "string");
}

/**
 * Keeps the portal behind the login. The session lives in memory only, so after logout or
 * expiry every portal address, also one reached with the back button, lands here.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { account, ended } = useSession();
  const location = useLocation();
  if (!account) {
    const state: LoginState | undefined = ended ? undefined : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}

/** The login page only for visitors; a logged-in user goes on to the portal. */
export function RequireNoSession({ children }: { children: ReactNode }) {
  const { account } = useSession();
  const location = useLocation();
  if (account) {
    const from = isLoginState(location.state) ? location.state.from : undefined;
    return <Navigate to={from && from !== "/login" ? from : "/top"} replace />;
  }
  return children;
}

export function RequireScreen({ screen, children }: { screen: ScreenId; children: ReactNode }) {
  const { account } = useSession();
  if (!account || !mayOpen(account.role, screen)) return <ForbiddenPage />;
  return children;
}
