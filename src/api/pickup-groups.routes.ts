// /api/v1/enterprises/{eid}/pickup-groups (ピックアップグループ): the groups and their members (operators and enterprise admins).
import { Type } from "typebox";
import type { PickupGroup } from "../services/pickup-groups.service.ts";
import { contextOf, principalOf } from "./auth.ts";
import { etag, ifMatchVersion } from "./etag.ts";
import { EnterpriseParams, errors, listOf, listOptions, listQuery } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";

const PickupGroupSchema = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.String(),
  name: Type.String(),
  number: Type.String({ description: "ピックアップグループ番号: what a member dials to pick up" }),
  site: Type.String({ description: 'サイト名; "default" unless set' }),
  memo: Type.String(),
  memberCount: Type.Integer({ description: "subscribers in the group" }),
  version: Type.Integer({ description: "changes with the group's own fields; the ETag" }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Body = Type.Object({
  name: Type.String({ maxLength: 1024, description: "required, at most 64 characters, unique in the enterprise (8043 / 8044)" }),
  number: Type.String({ maxLength: 64, description: "1–8 half-width digits (8009); number + site unique in the enterprise (8043 / 8044)" }),
  site: Type.Optional(
    Type.String({ maxLength: 1024, description: 'at most 64 characters. Left out: "default" for a new group (the fixed initial value), the stored site for an edit; can\'t change while the group has members (8081)' }),
  ),
  memo: Type.Optional(Type.String({ maxLength: 1024, description: "at most 256 Shift_JIS bytes (8101)" })),
});

const MemberSchema = Type.Object({
  subscriberId: Type.String(),
  number: Type.String(),
  displayName: Type.String(),
  pickupGroupId: Type.Union([Type.Integer(), Type.Null()], { description: "the pickup group the number is in now" }),
  member: Type.Boolean(),
});

const GroupParams = Type.Object({ eid: Type.String({ maxLength: 64 }), id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

const MemberQuery = Type.Object({
  ...listQuery(["subscriberId", "number", "displayName"]).properties,
  membership: Type.Optional(Type.Union([Type.Literal("member"), Type.Literal("nonMember"), Type.Literal("all")])),
});

function present(g: PickupGroup) {
  return {
    id: g.id,
    enterpriseId: g.enterpriseId,
    name: g.name,
    number: g.number,
    site: g.site,
    memo: g.memo,
    memberCount: g.memberCount,
    version: g.version,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
  };
}

export function pickupGroupRoutes(app: App, { services }: RouteDeps): void {
  app.get(
    "/api/v1/enterprises/:eid/pickup-groups",
    {
      schema: {
        tags: ["pickup-groups"],
        summary: "Search pickup groups by name",
        params: EnterpriseParams,
        querystring: listQuery(["name", "number", "site"]),
        response: { 200: listOf(PickupGroupSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const options = { ...listOptions(request.query), sort: request.query.sort ?? ("name" as const) };
      const result = await services.pickupGroups.list(principalOf(request), request.params.eid, options);
      return { total: result.total, offset: options.offset, limit: options.limit, items: result.items.map(present) };
    },
  );

  app.post(
    "/api/v1/enterprises/:eid/pickup-groups",
    {
      schema: {
        tags: ["pickup-groups"],
        summary: 'Add a pickup group (name, or number + site, unique: 8043); the site is "default" unless given',
        params: EnterpriseParams,
        body: Body,
        response: { 201: PickupGroupSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const created = await services.pickupGroups.create(contextOf(request), request.params.eid, request.body);
      return reply.status(201).header("etag", etag(created.version)).send(present(created));
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/pickup-groups/:id",
    { schema: { tags: ["pickup-groups"], summary: "One pickup group (missing: 8048)", params: GroupParams, response: { 200: PickupGroupSchema, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      const group = await services.pickupGroups.get(principalOf(request), request.params.eid, request.params.id);
      return reply.header("etag", etag(group.version)).send(present(group));
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/pickup-groups/:id",
    {
      schema: {
        tags: ["pickup-groups"],
        summary: "Replace a pickup group (missing 8045; duplicates 8044; a new site while it has members 8081); If-Match for optimistic concurrency (8111)",
        params: GroupParams,
        body: Body,
        response: { 200: PickupGroupSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const group = await services.pickupGroups.update(contextOf(request), request.params.eid, request.params.id, request.body, ifMatchVersion(request.headers["if-match"]));
      return reply.header("etag", etag(group.version)).send(present(group));
    },
  );

  app.delete(
    "/api/v1/enterprises/:eid/pickup-groups/:id",
    {
      schema: {
        tags: ["pickup-groups"],
        summary: "Delete a pickup group (missing: 8047; not while it has members: 8046)",
        params: GroupParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await services.pickupGroups.remove(contextOf(request), request.params.eid, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/pickup-groups/:id/members",
    {
      schema: {
        tags: ["pickup-groups"],
        summary: "The enterprise's numbers with their membership (メンバ / 非メンバ / both); q matches subscriber ID, number or display name (missing group: 8048)",
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
      const result = await services.pickupGroups.members(principalOf(request), request.params.eid, request.params.id, options);
      return { total: result.total, offset: options.offset, limit: options.limit, items: result.items };
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/pickup-groups/:id/members",
    {
      schema: {
        tags: ["pickup-groups"],
        summary: "Replace the members, all or nothing (missing group 8048; unknown subscriber 8049). A number is in at most one pickup group: one in another group moves here",
        params: GroupParams,
        body: Type.Object({ subscriberIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20_000 }) }),
        response: { 200: Type.Object({ subscriberIds: Type.Array(Type.String()) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => services.pickupGroups.setMembers(contextOf(request), request.params.eid, request.params.id, request.body.subscriberIds),
  );
}
