// The thin API client: openapi-fetch over the generated `paths`, the CSRF header on every
// state change, and error bodies turned into ApiError (api.md §Conventions).
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";

/** A catalogue error answered by the server: `{ error: { code, message, messageEn, field?, details? } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageEn: string;
  readonly field: string | undefined;
  readonly details: unknown;

  constructor(init: { status: number; code: string; message: string; messageEn: string; field?: string | undefined; details?: unknown }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.messageEn = init.messageEn;
    this.field = init.field;
    this.details = init.details;
  }
}

/** The code the server answers when the session is missing or has expired. */
export const sessionExpiredCode = "8110";

/** Code used when an error answer carries no catalogue body (a proxy page, an empty 502…). */
const unknownErrorCode = "8199";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.clone().json();
  } catch {
    body = undefined;
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (error && typeof error.code === "string") {
    return new ApiError({
      status: response.status,
      code: error.code,
      message: typeof error.message === "string" ? error.message : "",
      messageEn: typeof error.messageEn === "string" ? error.messageEn : "",
      field: typeof error.field === "string" ? error.field : undefined,
      details: error.details,
    });
  }
  return new ApiError({
    status: response.status,
    code: unknownErrorCode,
    message: `HTTP ${response.status}`,
    messageEn: `HTTP ${response.status}`,
  });
}

let csrfToken: string | null = null;

/** Remembers the token of the current session (null after logout). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type ExpiryListener = (error: ApiError) => void;
const expiryListeners = new Set<ExpiryListener>();

/** Calls `listener` whenever any request answers 401 8110; returns the unsubscribe function. */
export function onSessionExpired(listener: ExpiryListener): () => void {
  expiryListeners.add(listener);
  return () => {
    expiryListeners.delete(listener);
  };
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

const middleware: Middleware = {
  onRequest({ request }) {
    if (!safeMethods.has(request.method) && csrfToken !== null) {
      request.headers.set("X-CSRF-Token", csrfToken);
    }
    return request;
  },
  async onResponse({ response }) {
    if (response.ok) return response;
    const error = await toApiError(response);
    if (error.status === 401 && error.code === sessionExpiredCode) {
      for (const listener of expiryListeners) listener(error);
    }
    throw error;
  },
};

/** The typed client; every non-2xx answer rejects with ApiError. */
export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(middleware);

/**
 * The data of a successful answer. Errors never get here (the middleware throws), so the
 * union's error half only has to be narrowed away for the type checker.
 */
export async function unwrap<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const result = await request;
  return result.data as T;
}
