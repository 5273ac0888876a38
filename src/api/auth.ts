// Who a request is: the session cookie or a Bearer API token; CSRF on every state change made with a cookie.
import "@fastify/cookie";
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
  app.addHook("onRequest", async (request) => {
    request.auth = { principal: undefined, session: undefined, via: undefined };
    if (!request.url.startsWith("/api/")) return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined && /^Bearer\s+/i.test(authorization)) {
      const principal = await services.apiTokens.authenticate(authorization.replace(/^Bearer\s+/i, "").trim());
      if (principal === undefined) throw new DomainError("8110");
      request.auth = { principal, session: undefined, via: "token" };
      return;
    }
    const cookie = request.cookies[sessionCookie];
    if (cookie === undefined || cookie === "") return;
    const session = await services.sessions.resolve(cookie);
    if (session !== undefined) request.auth = { principal: session.principal, session, via: "cookie" };
  });
  // api.md: every state change made with a session must carry X-CSRF-Token (403 8109 otherwise).
  app.addHook("preHandler", async (request) => {
    if (safeMethods.has(request.method) || request.auth.via !== "cookie") return;
    if (request.routeOptions.config.csrf === false) return;
    const sent = request.headers[csrfHeader];
    if (typeof sent !== "string" || sent !== request.auth.session?.csrfToken) {
      throw new DomainError("8109", { details: { reason: "csrf" } });
    }
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
  reply.setCookie(sessionCookie, value, { path: "/", httpOnly: true, sameSite: "strict", secure });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, { path: "/" });
}
