// An HTTP client that behaves like the portal in a browser: one cookie jar, the CSRF header on state changes.
export interface Answer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

export interface ErrorAnswer {
  error: { code: string; message: string; messageEn: string; field?: string; details?: unknown };
}

export class Client {
  readonly baseUrl: string;
  cookie: string | undefined;
  csrfToken: string | undefined;
  bearer: string | undefined;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h["content-type"] ??= "application/json";
    if (this.cookie !== undefined) h.cookie = this.cookie;
    if (this.bearer !== undefined) h.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken !== undefined && !["GET", "HEAD"].includes(method)) h["x-csrf-token"] ??= this.csrfToken;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith("centrex_session="));
    if (setCookie !== undefined) {
      const value = setCookie.split(";")[0] ?? "";
      this.cookie = value === "centrex_session=" ? undefined : value;
    }
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get("content-type") ?? "").includes("json") && text !== "") parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>("GET", path, undefined, headers);
  }
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>("POST", path, body ?? {}, headers);
  }
  put<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>("PUT", path, body ?? {}, headers);
  }
  patch<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>("PATCH", path, body ?? {}, headers);
  }
  delete<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>("DELETE", path, undefined, headers);
  }

  /** Logs in; keeps the cookie and the CSRF token like the web app does. */
  async login(loginId: string, password: string, enterpriseId?: string): Promise<Answer> {
    const answer = await this.post<{ csrfToken?: string }>("/api/v1/session", { ...(enterpriseId === undefined ? {} : { enterpriseId }), loginId, password });
    if (answer.status === 200) this.csrfToken = answer.body.csrfToken;
    return answer;
  }
}

/** The catalogue code of an error answer. */
export function codeOf(answer: Answer): string | undefined {
  const body = answer.body as Partial<ErrorAnswer> | undefined;
  return typeof body === "object" && body !== null ? body.error?.code : undefined;
}
