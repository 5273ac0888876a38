// Who a request is: the session cookie or a Bearer API token; CSRF on every state change made with a cookie.
import { parseCookie, stringifySetCookie } from "cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError } from "../domain/errors.ts";
import type { Principal } from "../domain/roles.ts";
import type { Services } from "../services/index.ts";
import type { ActionContext } from "../services/context.ts";
import type { ResolvedSession } from "../services/session.service.ts";

export const sessionCookie = "centrex_session";
export const csrfHeader = "x-csrf-token";

export interface AuthState {
  principal: Principal | undefined;
  session: ResolvedSession | undefined;
  via: "cookie" | "token" | undefined;
  /** The session cookie as sent (only read when no Bearer token is). */
  cookie: string | undefined;
}

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthState;
  }
  interface FastifyContextConfig {
    /** false for the few state-changing routes that run before a session exists (login, provisioning). */
    csrf?: boolean;
  }
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export function registerAuth(app: FastifyInstance, services: Services): void {
  app.decorateRequest("auth", undefined as unknown as AuthState);
  // Cookies are parsed here, and only when no token is sent: the SIP proxy's calls never pay for it.
  app.addHook("onRequest", async (request) => {
    request.auth = { principal: undefined, session: undefined, via: undefined, cookie: undefined };
    if (!request.url.startsWith("/api/")) return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined && /^Bearer\s+/i.test(authorization)) {
      const principal = await services.apiTokens.authenticate(authorization.replace(/^Bearer\s+/i, "").trim());
      if (principal === undefined) throw new DomainError("8110");
      request.auth = { principal, session: undefined, via: "token", cookie: undefined };
      return;
    }
    const header = request.headers.cookie;
    const cookie = header === undefined ? undefined : parseCookie(header)[sessionCookie];
    if (cookie === undefined || cookie === "") return;
    request.auth.cookie = cookie;
    const session = await services.sessions.resolve(cookie);
    if (session !== undefined) request.auth = { principal: session.principal, session, via: "cookie", cookie };
  });
  // api.md: every state change made with a session must carry X-CSRF-Token (403 8109 otherwise).
  app.addHook("preHandler", (request, _reply, done) => {
    if (safeMethods.has(request.method) || request.auth.via !== "cookie" || request.routeOptions.config.csrf === false) return done();
    const sent = request.headers[csrfHeader];
    if (typeof sent !== "string" || sent !== request.auth.session?.csrfToken) return done(new DomainError("8109", { details: { reason: "csrf" } }));
    done();
  });
}

/** The principal of a logged-in request; 401 8110 otherwise. */
export function principalOf(request: FastifyRequest): Principal {
  const principal = request.auth.principal;
  if (principal === undefined) throw new DomainError("8110");
  return principal;
}

export function contextOf(request: FastifyRequest): ActionContext {
  return { principal: principalOf(request), ip: request.ip };
}

export interface CookieOptions {
  readonly secure: "auto" | boolean;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string, options: CookieOptions): void {
  const secure = options.secure === "auto" ? request.protocol === "https" : options.secure;
  void reply.header("set-cookie", stringifySetCookie({ name: sessionCookie, value, path: "/", httpOnly: true, sameSite: "strict", secure }));
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.header("set-cookie", stringifySetCookie({ name: sessionCookie, value: "", path: "/", expires: new Date(0) }));
}
