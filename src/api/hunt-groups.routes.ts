// /api/v1/enterprises/{eid}/hunt-groups (代表グループ): the groups and their members with orders (operators and enterprise admins).
import { Type, type Static } from "typebox";
import type { HuntGroup } from "../services/hunt-groups.service.ts";
import { contextOf, principalOf } from "./auth.ts";
import { etag, ifMatchVersion } from "./etag.ts";
import { EnterpriseParams, errors, listOf, listOptions, listQuery } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";

const Distribution = Type.Union(
  [Type.Literal("sequential"), Type.Literal("roundRobin"), Type.Literal("uniform"), Type.Literal("random"), Type.Literal("simultaneous")],
  { description: "スライドタイプ: シーケンシャル / ラウンドロビン / ユニフォーム / ランダム / 同報 (at most 5 members; the others 32)" },
);

const HuntGroupSchema = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.String(),
  name: Type.String(),
  pilotSubscriberId: Type.String({ description: "代表番号: the subscriber whose number is the pilot" }),
  distribution: Distribution,
  slideTimerSec: Type.Integer(),
  schedule: Type.Object({ enabled: Type.Boolean(), scheduleId: Type.Union([Type.Integer(), Type.Null()]) }),
  memo: Type.String(),
  memberCount: Type.Integer({ description: "subscribers in the group" }),
  version: Type.Integer({ description: "changes with the group's own fields; the ETag" }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Body = Type.Object({
  name: Type.String({ maxLength: 1024, description: "required, at most 64 characters, unique in the enterprise (8021)" }),
  pilotSubscriberId: Type.String({ maxLength: 64, description: "a subscriber of the enterprise (8025 / 8026), the pilot of no other group (8027)" }),
  distribution: Distribution,
  slideTimerSec: Type.Integer({ description: "1–180 (8103)" }),
  schedule: Type.Optional(
    Type.Object({
      enabled: Type.Boolean(),
      scheduleId: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 2147483647 }), Type.Null()], { description: "a schedule of the enterprise (8023); required when enabled" })),
    }),
  ),
  memo: Type.Optional(Type.String({ maxLength: 1024, description: "at most 256 Shift_JIS bytes (8101)" })),
});

const MemberSchema = Type.Object({
  subscriberId: Type.String(),
  number: Type.String(),
  displayName: Type.String(),
  order: Type.Union([Type.Integer(), Type.Null()], { description: "着信順序 in this group; null for a non-member" }),
  huntGroupId: Type.Union([Type.Integer(), Type.Null()], { description: "the hunt group the number is in now" }),
  member: Type.Boolean(),
});

const Member = Type.Object({
  subscriberId: Type.String({ maxLength: 64 }),
  order: Type.Integer({ description: "着信順序 1–999, required even when the distribution ignores it; unique in the group (8032)" }),
});

const GroupParams = Type.Object({ eid: Type.String({ maxLength: 64 }), id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

const MemberQuery = Type.Object({
  ...listQuery(["order", "subscriberId", "number", "displayName"]).properties,
  membership: Type.Optional(Type.Union([Type.Literal("member"), Type.Literal("nonMember"), Type.Literal("all")])),
});

function present(g: HuntGroup) {
  return {
    id: g.id,
    enterpriseId: g.enterpriseId,
    name: g.name,
    pilotSubscriberId: g.pilotSubscriberId,
    distribution: g.distribution,
    slideTimerSec: g.slideTimerSec,
    schedule: g.schedule,
    memo: g.memo,
    memberCount: g.memberCount,
    version: g.version,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
  };
}

function input(body: Static<typeof Body>) {
  return { ...body, schedule: body.schedule === undefined ? undefined : { enabled: body.schedule.enabled, scheduleId: body.schedule.scheduleId ?? null } };
}

export function huntGroupRoutes(app: App, { services }: RouteDeps): void {
  app.get(
    "/api/v1/enterprises/:eid/hunt-groups",
    {
      schema: {
        tags: ["hunt-groups"],
        summary: "Search hunt groups by name (prefix / exact / partial)",
        params: EnterpriseParams,
        querystring: listQuery(["name", "pilotSubscriberId", "distribution", "slideTimerSec"]),
        response: { 200: listOf(HuntGroupSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const options = { ...listOptions(request.query), sort: request.query.sort ?? ("name" as const) };
      const result = await services.huntGroups.list(principalOf(request), request.params.eid, options);
      return { total: result.total, offset: options.offset, limit: options.limit, items: result.items.map(present) };
    },
  );

  app.post(
    "/api/v1/enterprises/:eid/hunt-groups",
    {
      schema: {
        tags: ["hunt-groups"],
        summary: "Add a hunt group (name 8021; pilot 8025 / 8027; schedule 8023)",
        params: EnterpriseParams,
        body: Body,
        response: { 201: HuntGroupSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const created = await services.huntGroups.create(contextOf(request), request.params.eid, input(request.body));
      return reply.status(201).header("etag", etag(created.version)).send(present(created));
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/hunt-groups/:id",
    { schema: { tags: ["hunt-groups"], summary: "One hunt group (missing: 8053)", params: GroupParams, response: { 200: HuntGroupSchema, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      const group = await services.huntGroups.get(principalOf(request), request.params.eid, request.params.id);
      return reply.header("etag", etag(group.version)).send(present(group));
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/hunt-groups/:id",
    {
      schema: {
        tags: ["hunt-groups"],
        summary:
          "Replace a hunt group (missing 8024; name 8021; pilot 8026 / 8027; schedule 8023; to 同報 with 6+ members 8082, away from it with 33+ 8083); If-Match for optimistic concurrency (8111)",
        params: GroupParams,
        body: Body,
        response: { 200: HuntGroupSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const group = await services.huntGroups.update(contextOf(request), request.params.eid, request.params.id, input(request.body), ifMatchVersion(request.headers["if-match"]));
      return reply.header("etag", etag(group.version)).send(present(group));
    },
  );

  app.delete(
    "/api/v1/enterprises/:eid/hunt-groups/:id",
    {
      schema: {
        tags: ["hunt-groups"],
        summary: "Delete a hunt group (missing: 8028; not while it has members: 8030)",
        params: GroupParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await services.huntGroups.remove(contextOf(request), request.params.eid, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/hunt-groups/:id/members",
    {
      schema: {
        tags: ["hunt-groups"],
        summary: "The enterprise's numbers with their membership and order (メンバ / 非メンバ / both); q matches subscriber ID, number or display name; sort=order lists members by order first (missing group: 8053)",
        params: GroupParams,
        querystring: MemberQuery,
        response: { 200: listOf(MemberSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const options = {
        ...listOptions(request.query),
        membership: request.query.membership ?? ("all" as const),
        sort: request.query.sort ?? ("order" as const),
      };
      const result = await services.huntGroups.members(principalOf(request), request.params.eid, request.params.id, options);
      return { total: result.total, offset: options.offset, limit: options.limit, items: result.items };
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/hunt-groups/:id/members",
    {
      schema: {
        tags: ["hunt-groups"],
        summary:
          "Replace the members and their orders, all or nothing (missing group 8053; unknown subscriber 8049; in another hunt group 8022 — not moved; duplicate member 8031 or order 8032; 同報 at most 5 members 8084, the others 32 8085)",
        params: GroupParams,
        body: Type.Array(Member, { maxItems: 1000 }),
        response: { 200: Type.Object({ members: Type.Array(Type.Object({ subscriberId: Type.String(), order: Type.Integer() })) }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => services.huntGroups.setMembers(contextOf(request), request.params.eid, request.params.id, request.body),
  );
}
