// The session of the logged-in user: restored at start-up, set by login, ended by logout or
// by any answer 401 8110 (features.md §1: idle and absolute timeouts are the server's).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError, api, onSessionExpired, setCsrfToken, unwrap } from "../api/client";
import type { Account, LoginBody, Session } from "../api/types";
import { queryKeys } from "./query-client";

/** Why the last session ended; the login page tells the user. */
export type SessionEnd = { reason: "loggedOut" } | { reason: "expired"; error: ApiError };

interface SessionContextValue {
  /** The logged-in account, or null on the login page. */
  account: Account | null;
  ended: SessionEnd | null;
  login(body: LoginBody): Promise<Account>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await unwrap(api.GET("/api/v1/session"));
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Keeps the session query; the first answer decides between the login page and the portal. */
export function useSessionQuery() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: fetchSession,
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const sessionQuery = useSessionQuery();
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  const account = sessionQuery.data?.account ?? null;

  /** Forgets everything the previous user could see. */
  const dropUserData = useCallback(() => {
    void queryClient.cancelQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
  }, [queryClient]);

  const end = useCallback(
    (reason: SessionEnd) => {
      setCsrfToken(null);
      setEnded(reason);
      dropUserData();
      queryClient.setQueryData<Session | null>(queryKeys.session, null);
    },
    [dropUserData, queryClient],
  );

  useEffect(
    () =>
      onSessionExpired((error) => {
        // Only a session we had can expire; the start-up check answers 8110 too.
        if (queryClient.getQueryData<Session | null>(queryKeys.session)) end({ reason: "expired", error });
      }),
    [end, queryClient],
  );

  const login = useCallback(
    async (body: LoginBody): Promise<Account> => {
      const session = await unwrap(api.POST("/api/v1/session", { body }));
      dropUserData();
      setCsrfToken(session.csrfToken);
      setEnded(null);
      queryClient.setQueryData<Session | null>(queryKeys.session, session);
      return session.account;
    },
    [dropUserData, queryClient],
  );

  const logout = useCallback(async (): Promise<void> => {
    try {
      await api.DELETE("/api/v1/session");
    } catch {
      // Already ended on the server (expired) or unreachable: the local session ends anyway.
    }
    end({ reason: "loggedOut" });
  }, [end]);

  const value = useMemo<SessionContextValue>(() => ({ account, ended, login, logout }), [account, ended, login, logout]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionContextValue {
  const value = use(SessionContext);
  if (!value) throw new Error("useSession needs a SessionProvider");
  return value;
}

/** The account of a screen inside the portal layout, where a session always exists. */
export function useAccount(): Account {
  const { account } = useSession();
  if (!account) throw new Error("useAccount is only for screens behind the login");
  return account;
}
