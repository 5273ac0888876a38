// /api/v1/enterprises/{eid}/extension-groups (内線グループ): the groups and their members with extensions (operators and enterprise admins).
import { Type } from "typebox";
import type { ExtensionGroup } from "../services/extension-groups.service.ts";
import { contextOf, principalOf } from "./auth.ts";
import { etag, ifMatchVersion } from "./etag.ts";
import { EnterpriseParams, errors, listOf, listOptions, listQuery } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";

const ExtensionGroupSchema = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.String(),
  name: Type.String(),
  siteNumber: Type.String({ description: "拠点番号" }),
  externalPrefix: Type.String({ description: 'always "0" (外線プレフィックス)' }),
  memo: Type.String(),
  memberCount: Type.Integer({ description: "subscribers in the group" }),
  version: Type.Integer({ description: "changes with the group's own fields; the ETag" }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Body = Type.Object({
  name: Type.String({ maxLength: 1024, description: "required, at most 64 characters, unique in the enterprise (8017 / 8018)" }),
  siteNumber: Type.String({ maxLength: 64, description: "1–8 half-width digits (8009), unique in the enterprise (8017 / 8018)" }),
  externalPrefix: Type.Optional(Type.Literal("0", { description: 'fixed: only "0" is accepted' })),
  memo: Type.Optional(Type.String({ maxLength: 1024, description: "at most 256 Shift_JIS bytes (8101)" })),
});

const MemberSchema = Type.Object({
  subscriberId: Type.String(),
  number: Type.String(),
  displayName: Type.String(),
  extension: Type.String({ description: "the number's current extension (in this group or, for a non-member, in its own group)" }),
  extensionGroupId: Type.Union([Type.Integer(), Type.Null()], { description: "the extension group the number is in now" }),
  member: Type.Boolean(),
});

const MembersBody = Type.Array(
  Type.Object({
    subscriberId: Type.String({ maxLength: 64 }),
    extension: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()], { description: "required for a member (8012): 2–8 digits, not starting with 0 (8009), unique in the group (8052)" })),
  }),
  { maxItems: 20_000 },
);

const MembersResult = Type.Object({
  members: Type.Array(Type.Object({ subscriberId: Type.String(), extension: Type.String() })),
  adjustedForwarding: Type.Array(
    Type.Object({
      subscriberId: Type.String(),
      cleared: Type.Array(Type.String(), { description: "forwarding types switched off because their destination could no longer be read" }),
    }),
    { description: "numbers whose stored forwarding destinations were rewritten to keep the prefix rule" },
  ),
  adjustedSchedules: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }), { description: "schedules of the affected groups whose rule destinations were rewritten" }),
});

const GroupParams = Type.Object({ eid: Type.String({ maxLength: 64 }), id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

const MemberQuery = Type.Object({
  ...listQuery(["subscriberId", "number", "extension", "displayName"]).properties,
  membership: Type.Optional(Type.Union([Type.Literal("member"), Type.Literal("nonMember"), Type.Literal("all")])),
});

function present(g: ExtensionGroup) {
  return {
    id: g.id,
    enterpriseId: g.enterpriseId,
    name: g.name,
    siteNumber: g.siteNumber,
    externalPrefix: g.externalPrefix,
    memo: g.memo,
    memberCount: g.memberCount,
    version: g.version,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
  };
}

export function extensionGroupRoutes(app: App, { services }: RouteDeps): void {
  app.get(
    "/api/v1/enterprises/:eid/extension-groups",
    {
      schema: {
        tags: ["extension-groups"],
        summary: "Search extension groups by name",
        params: EnterpriseParams,
        querystring: listQuery(["name", "siteNumber"]),
        response: { 200: listOf(ExtensionGroupSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const options = { ...listOptions(request.query), sort: request.query.sort ?? ("name" as const) };
      const result = await services.extensionGroups.list(principalOf(request), request.params.eid, options);
      return { total: result.total, offset: options.offset, limit: options.limit, items: result.items.map(present) };
    },
  );

  app.post(
    "/api/v1/enterprises/:eid/extension-groups",
    {
      schema: {
        tags: ["extension-groups"],
        summary: 'Add an extension group (name and site number unique: 8017; the external prefix is always "0")',
        params: EnterpriseParams,
        body: Body,
        response: { 201: ExtensionGroupSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const created = await services.extensionGroups.create(contextOf(request), request.params.eid, request.body);
      return reply.status(201).header("etag", etag(created.version)).send(present(created));
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/extension-groups/:id",
    { schema: { tags: ["extension-groups"], summary: "One extension group (missing: 8014)", params: GroupParams, response: { 200: ExtensionGroupSchema, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      const group = await services.extensionGroups.get(principalOf(request), request.params.eid, request.params.id);
      return reply.header("etag", etag(group.version)).send(present(group));
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/extension-groups/:id",
    {
      schema: {
        tags: ["extension-groups"],
        summary: "Replace name, site number and memo (duplicates: 8018; missing: 8019); If-Match for optimistic concurrency (8111)",
        params: GroupParams,
        body: Body,
        response: { 200: ExtensionGroupSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const group = await services.extensionGroups.update(contextOf(request), request.params.eid, request.params.id, request.body, ifMatchVersion(request.headers["if-match"]));
      return reply.header("etag", etag(group.version)).send(present(group));
    },
  );

  app.delete(
    "/api/v1/enterprises/:eid/extension-groups/:id",
    {
      schema: {
        tags: ["extension-groups"],
        summary:
          "Delete an extension group (missing: 8020). Refused with 8122 while it has members (the answer says how many; take them out with PUT …/members first) or while a schedule refers to it (the answer names the schedules)",
        params: GroupParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await services.extensionGroups.remove(contextOf(request), request.params.eid, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/extension-groups/:id/members",
    {
      schema: {
        tags: ["extension-groups"],
        summary: "The enterprise's numbers with their membership (メンバ / 非メンバ / both); q matches subscriber ID, number, extension or display name (missing group: 8051)",
        params: GroupParams,
        querystring: MemberQuery,
        response: { 200: listOf(MemberSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const options = {
        ...listOptions(request.query),
        membership: request.query.membership ?? ("all" as const),
        sort: request.query.sort ?? ("extension" as const),
      };
      const result = await services.extensionGroups.members(principalOf(request), request.params.eid, request.params.id, options);
      return { total: result.total, offset: options.offset, limit: options.limit, items: result.items };
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/extension-groups/:id/members",
    {
      schema: {
        tags: ["extension-groups"],
        summary:
          "Replace the members and their extensions, all or nothing (missing group: 8051; unknown subscriber: 8049; extension missing 8012, malformed 8009, duplicate 8052). A number in another extension group moves here; a member left out leaves and loses its extension. Stored forwarding follows the prefix rule (features.md §4): every destination keeps reaching the same number — a colleague's extension follows the colleague (new extension, or 0 + number once they left), an external number gains or loses the prefix 0 as its owner joins or leaves; a destination that can no longer be read is switched off and cleared. Rule destinations of the affected groups' schedules follow the same way. The answer lists what was adjusted",
        params: GroupParams,
        body: MembersBody,
        response: { 200: MembersResult, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => services.extensionGroups.setMembers(contextOf(request), request.params.eid, request.params.id, request.body),
  );
}
