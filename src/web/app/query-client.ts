// The one TanStack Query client of the app, and the keys of the data it caches.
import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/client";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A catalogue error (4xx) will answer the same again: retry only what may be transient.
      retry: (failureCount, error) => failureCount < 2 && !(error instanceof ApiError && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

export const queryKeys = {
  session: ["session"] as const,
  notices: ["notices"] as const,
  bulletin: (enterpriseId: string) => ["bulletin", enterpriseId] as const,
  enterprises: (params: object) => ["enterprises", params] as const,
};
