// /api/v1/enterprises/{eid}/accounts (ログインアカウント): enterprise and group admin logins; passwords are write-only.
import { Type } from "typebox";
import type { AccountView } from "../services/accounts.service.ts";
import { contextOf, principalOf } from "./auth.ts";
import { etag, ifMatchVersion } from "./etag.ts";
import { EnterpriseParams, errors, listOf, listOptions, listQuery } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";

const Role = Type.Union([Type.Literal("enterpriseAdmin"), Type.Literal("groupAdmin")], { description: "企業 (enterpriseAdmin) or グループ (groupAdmin)" });
const GroupId = Type.Integer({ minimum: 1, maximum: 2147483647 });

const AccountSchema = Type.Object({
  enterpriseId: Type.String(),
  loginId: Type.String(),
  role: Role,
  adminGroupId: Type.Union([Type.Integer(), Type.Null()]),
  adminGroupName: Type.Union([Type.String(), Type.Null()]),
  memo: Type.String(),
  builtIn: Type.Boolean({ description: "the built-in Administrator: can't be renamed or deleted (8104)" }),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const AccountParams = Type.Object({ eid: Type.String({ maxLength: 64 }), loginId: Type.String({ maxLength: 128 }) });

const AccountQuery = Type.Object({
  ...listQuery(["loginId", "role", "createdAt"]).properties,
  role: Type.Optional(Role),
  adminGroupId: Type.Optional(GroupId),
});

/** Only what an administrator may see: never the password hash. */
function present(a: AccountView) {
  return {
    enterpriseId: a.enterpriseId,
    loginId: a.loginId,
    role: a.role,
    adminGroupId: a.adminGroupId,
    adminGroupName: a.adminGroupName,
    memo: a.memo,
    builtIn: a.builtIn,
    version: a.version,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export function accountRoutes(app: App, { services }: RouteDeps): void {
  app.get(
    "/api/v1/enterprises/:eid/accounts",
    {
      schema: {
        tags: ["accounts"],
        summary: "Search login accounts by role (and admin group) and login ID",
        params: EnterpriseParams,
        querystring: AccountQuery,
        response: { 200: listOf(AccountSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const options = {
        ...listOptions(request.query),
        role: request.query.role,
        adminGroupId: request.query.adminGroupId,
        sort: request.query.sort ?? ("loginId" as const),
      };
      const result = await services.accounts.list(principalOf(request), request.params.eid, options);
      return { total: result.total, offset: options.offset, limit: options.limit, items: result.items.map(present) };
    },
  );

  app.post(
    "/api/v1/enterprises/:eid/accounts",
    {
      schema: {
        tags: ["accounts"],
        summary: "Create a login account (a group admin needs adminGroupId)",
        params: EnterpriseParams,
        body: Type.Object({
          loginId: Type.String({ maxLength: 128 }),
          role: Role,
          adminGroupId: Type.Optional(Type.Union([GroupId, Type.Null()])),
          password: Type.String({ maxLength: 128 }),
          passwordConfirm: Type.String({ maxLength: 128 }),
          memo: Type.Optional(Type.String({ maxLength: 2048 })),
        }),
        response: { 201: AccountSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const created = await services.accounts.create(contextOf(request), request.params.eid, request.body);
      return reply.status(201).header("etag", etag(created.version)).send(present(created));
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/accounts/:loginId",
    { schema: { tags: ["accounts"], summary: "One login account", params: AccountParams, response: { 200: AccountSchema, ...errors(401, 403, 404) } } },
    async (request, reply) => {
      const account = await services.accounts.get(principalOf(request), request.params.eid, request.params.loginId);
      return reply.header("etag", etag(account.version)).send(present(account));
    },
  );

  app.patch(
    "/api/v1/enterprises/:eid/accounts/:loginId",
    {
      schema: {
        tags: ["accounts"],
        summary: "Change a login account's login ID, admin group or memo; If-Match for optimistic concurrency",
        params: AccountParams,
        body: Type.Object({
          loginId: Type.Optional(Type.String({ maxLength: 128 })),
          adminGroupId: Type.Optional(Type.Union([GroupId, Type.Null()])),
          memo: Type.Optional(Type.String({ maxLength: 2048 })),
        }),
        response: { 200: AccountSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const updated = await services.accounts.update(
        contextOf(request),
        request.params.eid,
        request.params.loginId,
        request.body,
        ifMatchVersion(request.headers["if-match"]),
      );
      return reply.header("etag", etag(updated.version)).send(present(updated));
    },
  );

  app.delete(
    "/api/v1/enterprises/:eid/accounts/:loginId",
    {
      schema: {
        tags: ["accounts"],
        summary: "Delete a login account and end its sessions (not the built-in Administrator: 8104; not the last enterprise admin: 8122)",
        params: AccountParams,
        response: { 204: Type.Null(), ...errors(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await services.accounts.remove(contextOf(request), request.params.eid, request.params.loginId);
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/accounts/:loginId/password",
    {
      schema: {
        tags: ["accounts"],
        summary: "Set a login account's password (an administrator for another account); its sessions end",
        params: AccountParams,
        body: Type.Object({ newPassword: Type.String({ maxLength: 128 }), newPasswordConfirm: Type.String({ maxLength: 128 }) }),
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await services.accounts.setPassword(contextOf(request), request.params.eid, request.params.loginId, request.body);
      return reply.status(204).send(null);
    },
  );
}
