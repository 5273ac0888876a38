// /api/v1/session: log in, who am I, log out, change own password.
import { Type } from "typebox";
import { clearSessionCookie, contextOf, principalOf, setSessionCookie } from "./auth.ts";
import { errors } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";
import { DomainError } from "../domain/errors.ts";

const SessionAccount = Type.Object({
  loginId: Type.String(),
  role: Type.Union([Type.Literal("operator"), Type.Literal("enterpriseAdmin"), Type.Literal("groupAdmin"), Type.Literal("subscriber")]),
  enterpriseId: Type.Optional(Type.String()),
  enterpriseName: Type.Optional(Type.String()),
  services: Type.Optional(
    Type.Object({ forwarding: Type.Boolean(), scheduleForwarding: Type.Boolean(), voicemail: Type.Boolean(), dynamicNumber: Type.Boolean(), app: Type.Boolean() }, { description: "the enterprise's service plan" }),
  ),
  selfService: Type.Optional(
    Type.Object({ anonymousRejection: Type.Boolean(), withholdCallerId: Type.Boolean(), internationalBlock: Type.Boolean(), externalBlock: Type.Boolean() }, { description: "which call settings administrators may change" }),
  ),
  adminGroupIds: Type.Optional(Type.Array(Type.Integer())),
  subscriberId: Type.Optional(Type.String()),
});

const SessionAnswer = Type.Object({ account: SessionAccount, csrfToken: Type.String() });

export function sessionRoutes(app: App, { services, cookies, loginRateLimit }: RouteDeps): void {
  app.post(
    "/api/v1/session",
    {
      config: { csrf: false, rateLimit: { max: loginRateLimit, timeWindow: 60_000 } },
      schema: {
        tags: ["session"],
        summary: "Log in (enterprise accounts with enterpriseId; operators and end users without)",
        body: Type.Object({
          enterpriseId: Type.Optional(Type.String({ maxLength: 64 })),
          loginId: Type.String({ maxLength: 64 }),
          password: Type.String({ maxLength: 128 }),
        }),
        response: { 200: SessionAnswer, ...errors(400, 401, 423, 429) },
      },
    },
    async (request, reply) => {
      const opened = await services.sessions.login(request.body, request.ip, request.auth.cookie);
      setSessionCookie(request, reply, opened.sessionId, cookies);
      return { account: opened.account, csrfToken: opened.csrfToken };
    },
  );

  app.get(
    "/api/v1/session",
    { schema: { tags: ["session"], summary: "The logged-in account and its CSRF token", response: { 200: SessionAnswer, ...errors(401) } } },
    async (request) => {
      const session = request.auth.session;
      if (session === undefined) throw new DomainError("8110");
      return { account: session.account, csrfToken: session.csrfToken };
    },
  );

  app.delete(
    "/api/v1/session",
    { schema: { tags: ["session"], summary: "Log out (the session ends on the server)", response: { 204: Type.Null(), ...errors(401, 403) } } },
    async (request, reply) => {
      principalOf(request);
      const cookie = request.auth.cookie;
      if (cookie !== undefined) await services.sessions.logout(cookie);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/api/v1/session/password",
    {
      schema: {
        tags: ["session"],
        summary: "Change the logged-in user's own password",
        body: Type.Object({
          currentPassword: Type.String({ maxLength: 128 }),
          newPassword: Type.String({ maxLength: 128 }),
          newPasswordConfirm: Type.String({ maxLength: 128 }),
        }),
        response: { 204: Type.Null(), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const session = request.auth.session;
      if (session === undefined) throw new DomainError(request.auth.principal === undefined ? "8110" : "8109");
      await services.sessions.changeOwnPassword(contextOf(request), session, request.body);
      return reply.status(204).send(null);
    },
  );
}
