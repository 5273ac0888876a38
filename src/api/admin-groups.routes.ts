// /api/v1/enterprises/{eid}/admin-groups (グループ設定): the groups and their members (operators and enterprise admins).
import { Type } from "typebox";
import type { AdminGroup } from "../services/admin-groups.service.ts";
import { contextOf, principalOf } from "./auth.ts";
import { EnterpriseParams, errors, listOf, listOptions, listQuery } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";

const AdminGroupSchema = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.String(),
  name: Type.String(),
  memberCount: Type.Integer({ description: "subscribers in the group" }),
  createdAt: Type.String(),
});

const MemberSchema = Type.Object({
  subscriberId: Type.String(),
  number: Type.String(),
  displayName: Type.String(),
  member: Type.Boolean(),
});

const GroupParams = Type.Object({ eid: Type.String({ maxLength: 64 }), id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

const NameBody = { name: Type.String({ maxLength: 1024, description: "required, at most 64 characters, unique in the enterprise (8113)" }) };

const MemberQuery = Type.Object({
  ...listQuery(["subscriberId", "number", "displayName"]).properties,
  membership: Type.Optional(Type.Union([Type.Literal("member"), Type.Literal("nonMember"), Type.Literal("all")])),
});

function present(g: AdminGroup) {
  return { id: g.id, enterpriseId: g.enterpriseId, name: g.name, memberCount: g.memberCount, createdAt: g.createdAt };
}

export function adminGroupRoutes(app: App, { services }: RouteDeps): void {
  app.get(
    "/api/v1/enterprises/:eid/admin-groups",
    {
      schema: {
        tags: ["admin-groups"],
        summary: "Search admin groups by name",
        params: EnterpriseParams,
        querystring: listQuery(["name", "id"]),
        response: { 200: listOf(AdminGroupSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const options = { ...listOptions(request.query), sort: request.query.sort ?? ("name" as const) };
      const result = await services.adminGroups.list(principalOf(request), request.params.eid, options);
      return { total: result.total, offset: options.offset, limit: options.limit, items: result.items.map(present) };
    },
  );

  app.post(
    "/api/v1/enterprises/:eid/admin-groups",
    {
      schema: {
        tags: ["admin-groups"],
        summary: "Create an admin group",
        params: EnterpriseParams,
        body: Type.Object(NameBody),
        response: { 201: AdminGroupSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const created = await services.adminGroups.create(contextOf(request), request.params.eid, request.body);
      return reply.status(201).send(present(created));
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/admin-groups/:id",
    { schema: { tags: ["admin-groups"], summary: "One admin group", params: GroupParams, response: { 200: AdminGroupSchema, ...errors(400, 401, 403, 404) } } },
    async (request) => present(await services.adminGroups.get(principalOf(request), request.params.eid, request.params.id)),
  );

  app.patch(
    "/api/v1/enterprises/:eid/admin-groups/:id",
    {
      schema: {
        tags: ["admin-groups"],
        summary: "Rename an admin group",
        params: GroupParams,
        body: Type.Object({ name: Type.Optional(NameBody.name) }),
        response: { 200: AdminGroupSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => present(await services.adminGroups.update(contextOf(request), request.params.eid, request.params.id, request.body)),
  );

  app.delete(
    "/api/v1/enterprises/:eid/admin-groups/:id",
    {
      schema: {
        tags: ["admin-groups"],
        summary: "Delete an admin group (not while a login account is assigned to it: 8114)",
        params: GroupParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await services.adminGroups.remove(contextOf(request), request.params.eid, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/admin-groups/:id/members",
    {
      schema: {
        tags: ["admin-groups"],
        summary: "The enterprise's numbers with their membership; q holds subscriber IDs separated by commas or spaces (any may match)",
        params: GroupParams,
        querystring: MemberQuery,
        response: { 200: listOf(MemberSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const options = {
        ...listOptions(request.query),
        membership: request.query.membership ?? ("all" as const),
        sort: request.query.sort ?? ("subscriberId" as const),
      };
      const result = await services.adminGroups.members(principalOf(request), request.params.eid, request.params.id, options);
      return { total: result.total, offset: options.offset, limit: options.limit, items: result.items };
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/admin-groups/:id/members",
    {
      schema: {
        tags: ["admin-groups"],
        summary: "Replace the members of an admin group (all or nothing; unknown subscribers: 8049)",
        params: GroupParams,
        body: Type.Object({ subscriberIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20_000 }) }),
        response: { 200: Type.Object({ subscriberIds: Type.Array(Type.String()) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => services.adminGroups.setMembers(contextOf(request), request.params.eid, request.params.id, request.body.subscriberIds),
  );
}
