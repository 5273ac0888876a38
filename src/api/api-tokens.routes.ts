// /api/v1/api-tokens: Bearer tokens for scripts and the SIP proxy; the secret is shown once.
import { Type } from "typebox";
import { contextOf, principalOf } from "./auth.ts";
import { errors } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";

const TokenRole = Type.Union([Type.Literal("operator"), Type.Literal("enterpriseAdmin"), Type.Literal("sipProxy")]);
const ApiToken = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  role: TokenRole,
  enterpriseId: Type.Union([Type.String(), Type.Null()]),
  enterpriseName: Type.Union([Type.String(), Type.Null()], { description: "The enterprise's name; null for a token of no enterprise" }),
  createdBy: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});

export function apiTokenRoutes(app: App, { services }: RouteDeps): void {
  app.post(
    "/api/v1/api-tokens",
    {
      schema: {
        tags: ["api-tokens"],
        summary: "Create an API token (operators; enterprise admins for their enterprise). The token is in this answer only.",
        body: Type.Object({ name: Type.String({ maxLength: 64 }), role: TokenRole, enterpriseId: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: { 201: Type.Object({ token: Type.String(), apiToken: ApiToken }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await services.apiTokens.create(contextOf(request), request.body)),
  );

  app.get(
    "/api/v1/api-tokens",
    { schema: { tags: ["api-tokens"], summary: "API tokens in the caller's reach (never their secrets)", response: { 200: Type.Object({ items: Type.Array(ApiToken) }), ...errors(401, 403) } } },
    async (request) => ({ items: await services.apiTokens.list(principalOf(request)) }),
  );

  app.delete(
    "/api/v1/api-tokens/:id",
    {
      schema: { tags: ["api-tokens"], summary: "Revoke an API token", params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }), response: { 204: Type.Null(), ...errors(401, 403, 404) } },
    },
    async (request, reply) => {
      await services.apiTokens.revoke(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
