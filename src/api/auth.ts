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
const bearer = /^Bearer\s+/i;

export function registerAuth(app: FastifyInstance, services: Services): void {
  app.decorateRequest("auth", undefined as unknown as AuthState);
  // Cookies are parsed here, and only when no token is sent: the SIP proxy's calls never pay for it. A plain
  // callback, not an async hook: a token known and fresh is answered without a promise (api-tokens.service.ts).
  app.addHook("onRequest", (request, _reply, done) => {
    request.auth = { principal: undefined, session: undefined, via: undefined, cookie: undefined };
    if (!request.url.startsWith("/api/")) return done();
    const authorization = request.headers.authorization;
    if (authorization !== undefined && bearer.test(authorization)) {
      const tokenPrincipal = (principal: Principal | undefined) => {
        if (principal === undefined) return done(new DomainError("8110"));
        request.auth = { principal, session: undefined, via: "token", cookie: undefined };
        done();
      };
      const found = services.apiTokens.authenticateNow(authorization.replace(bearer, "").trim());
      if (found instanceof Promise) found.then(tokenPrincipal, done);
      else tokenPrincipal(found);
      return;
    }
    const header = request.headers.cookie;
    const cookie = header === undefined ? undefined : parseCookie(header)[sessionCookie];
    if (cookie === undefined || cookie === "") return done();
    request.auth.cookie = cookie;
    services.sessions.resolve(cookie).then((session) => {
      if (session !== undefined) request.auth = { principal: session.principal, session, via: "cookie", cookie };
      done();
    }, done);
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
