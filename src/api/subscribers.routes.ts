// /api/v1/enterprises/{eid}/subscribers: search, detail and edit (加入者 / 電話番号一覧); operators create and delete.
import { Readable } from "node:stream";
import { Type } from "typebox";
import type { Subscriber } from "../domain/subscriber/subscriber.ts";
import { contextOf, principalOf } from "./auth.ts";
import { ifMatchVersion } from "./etag.ts";
import type { SubscriberDetail } from "../services/subscribers.service.ts";
import { etag } from "./etag.ts";
import { errors, listOf, listOptions, listQuery } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";

export const SubscriberSchema = Type.Object({
  id: Type.String(),
  enterpriseId: Type.String(),
  number: Type.String(),
  numberKind: Type.Union([Type.Literal("oabj"), Type.Literal("050")]),
  displayName: Type.String(),
  info: Type.String(),
  memo: Type.String(),
  provisioningPasswordSet: Type.Boolean({ description: "the secret itself is write-only" }),
  passwordSet: Type.Boolean(),
  originNumbers: Type.Array(Type.String()),
  notifyNumber: Type.String(),
  emergencyStopped: Type.Boolean(),
  version: Type.Integer(),
});

export function presentSubscriber(s: Subscriber) {
  return {
    id: s.id,
    enterpriseId: s.enterpriseId,
    number: s.number,
    numberKind: s.numberKind,
    displayName: s.displayName,
    info: s.info,
    memo: s.memo,
    provisioningPasswordSet: s.hasProvisioningPassword,
    passwordSet: s.hasPassword,
    originNumbers: [...s.originNumbers],
    notifyNumber: s.notifyNumber,
    emergencyStopped: s.emergencyStopped,
    version: s.version,
  };
}

const SubscriberRow = Type.Object({
  id: Type.String(),
  number: Type.String(),
  extension: Type.String(),
  extensionGroup: Type.String(),
  displayName: Type.String(),
  pickupGroup: Type.String(),
  huntGroup: Type.String(),
  enterpriseId: Type.String(),
  enterpriseName: Type.String(),
  lineId1: Type.String(),
  lineId2: Type.String(),
  terminalAuthentication: Type.Boolean(),
  emergencyStopped: Type.Boolean(),
});

export const SubscriberDetailSchema = Type.Object({
  ...SubscriberSchema.properties,
  enterpriseName: Type.String(),
  lineId1: Type.String(),
  lineId2: Type.String(),
  extension: Type.String(),
  extensionGroup: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  pickupGroupId: Type.Union([Type.Integer(), Type.Null()]),
  huntGroupId: Type.Union([Type.Integer(), Type.Null()]),
});

function presentDetail(d: SubscriberDetail) {
  return {
    ...presentSubscriber(d.subscriber),
    enterpriseName: d.enterprise.name,
    lineId1: d.enterprise.lineId1,
    lineId2: d.enterprise.lineId2,
    extension: d.subscriber.extension,
    extensionGroup: d.extensionGroup,
    pickupGroupId: d.subscriber.pickupGroupId,
    huntGroupId: d.subscriber.huntGroupId,
  };
}

export const searchFields = ["id", "number", "extension", "extensionGroup", "displayName"] as const;

export const SubscriberListQuery = Type.Object({
  ...listQuery(["id", "number", "extension", "extensionGroup", "displayName"]).properties,
  field: Type.Optional(Type.Union(searchFields.map((f) => Type.Literal(f)))),
});

const Params = Type.Object({ eid: Type.String({ maxLength: 64 }), sid: Type.String({ maxLength: 64 }) });

/** subscribers.csv: the list filters (what the search found), the order and the number range of 加入者一覧出力. */
const SubscriberExportQuery = Type.Object({
  q: SubscriberListQuery.properties.q,
  match: SubscriberListQuery.properties.match,
  field: SubscriberListQuery.properties.field,
  sort: Type.Optional(Type.Union([Type.Literal("extension"), Type.Literal("number")], { description: "内線番号順 (default) or 外線番号順" })),
  from: Type.Optional(Type.String({ maxLength: 32, description: "lowest number, included (digits)" })),
  to: Type.Optional(Type.String({ maxLength: 32, description: "highest number, included (digits)" })),
  encoding: Type.Optional(Type.Union([Type.Literal("shift_jis"), Type.Literal("utf-8")], { description: "Shift_JIS (CP932, default) or UTF-8 with a BOM" })),
});

export function subscriberRoutes(app: App, { services }: RouteDeps): void {
  app.get(
    "/api/v1/enterprises/:eid/subscribers",
    {
      schema: {
        tags: ["subscribers"],
        summary: "Search subscribers (field, prefix / exact / partial match; a q starting with % is partial)",
        params: Type.Object({ eid: Type.String({ maxLength: 64 }) }),
        querystring: SubscriberListQuery,
        response: { 200: listOf(SubscriberRow), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const o = listOptions(request.query);
      const result = await services.subscribers.search(principalOf(request), request.params.eid, {
        ...o,
        field: request.query.field ?? "id",
        sort: request.query.sort ?? "id",
      });
      return { total: result.total, offset: o.offset, limit: o.limit, items: result.items };
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/subscribers/count",
    {
      schema: {
        tags: ["subscribers"],
        summary: "How many subscribers a search finds (件数表示)",
        params: Type.Object({ eid: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object({ ...SubscriberListQuery.properties, from: Type.Optional(Type.String({ maxLength: 32 })), to: Type.Optional(Type.String({ maxLength: 32 })) }),
        response: { 200: Type.Object({ count: Type.Integer() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const o = listOptions(request.query);
      const count = await services.subscribers.count(principalOf(request), request.params.eid, {
        ...o,
        field: request.query.field ?? "id",
        sort: request.query.sort ?? "id",
        numberFrom: request.query.from,
        numberTo: request.query.to,
      });
      return { count };
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/subscribers.csv",
    {
      schema: {
        tags: ["subscribers"],
        summary: "Download the subscriber list as CSV (加入者一覧出力 / 全件CSV出力), streamed",
        params: Type.Object({ eid: Type.String({ maxLength: 64 }) }),
        querystring: SubscriberExportQuery,
        response: {
          200: { description: "CSV file (files.md): Shift_JIS (CP932) or UTF-8 with a BOM, CRLF, every field quoted", content: { "text/csv": { schema: Type.Unsafe<Readable>({ type: "string", format: "binary" }) } } },
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const o = listOptions(request.query);
      const encoding = request.query.encoding ?? "shift_jis";
      const file = await services.subscribers.export(principalOf(request), request.params.eid, {
        field: request.query.field ?? "id",
        q: o.q,
        match: o.match,
        sort: request.query.sort ?? "extension",
        numberFrom: request.query.from,
        numberTo: request.query.to,
        encoding,
      });
      return reply
        .header("content-type", `text/csv; charset=${encoding === "utf-8" ? "utf-8" : "Shift_JIS"}`)
        .header("content-disposition", `attachment; filename="${file.fileName}"`)
        .header("cache-control", "no-store")
        .send(Readable.from(file.chunks, { objectMode: false }));
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/subscribers/:sid",
    { schema: { tags: ["subscribers"], summary: "One subscriber (照会)", params: Params, response: { 200: SubscriberDetailSchema, ...errors(401, 404) } } },
    async (request, reply) => {
      const detail = await services.subscribers.get(principalOf(request), request.params.eid, request.params.sid);
      return reply.header("etag", etag(detail.subscriber.version)).send(presentDetail(detail));
    },
  );

  app.patch(
    "/api/v1/enterprises/:eid/subscribers/:sid",
    {
      schema: {
        tags: ["subscribers"],
        summary: "Change a subscriber's information (変更); If-Match for optimistic concurrency (8111)",
        params: Params,
        body: Type.Object({
          displayName: Type.Optional(Type.String({ maxLength: 256 })),
          info: Type.Optional(Type.String({ maxLength: 1024 })),
          memo: Type.Optional(Type.String({ maxLength: 1024 })),
          provisioningPassword: Type.Optional(Type.String({ maxLength: 128, description: "write-only" })),
          originNumbers: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 2 })),
          notifyNumber: Type.Optional(Type.String({ maxLength: 32 })),
        }),
        response: { 200: SubscriberDetailSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const detail = await services.subscribers.updateInfo(contextOf(request), request.params.eid, request.params.sid, request.body, ifMatchVersion(request.headers["if-match"]));
      return reply.header("etag", etag(detail.subscriber.version)).send(presentDetail(detail));
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/subscribers/:sid/password",
    {
      schema: {
        tags: ["subscribers"],
        summary: "Set the number's portal login password (administrators)",
        params: Params,
        body: Type.Object({ newPassword: Type.String({ maxLength: 128 }), newPasswordConfirm: Type.String({ maxLength: 128 }) }),
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await services.subscribers.setPassword(contextOf(request), request.params.eid, request.params.sid, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/v1/enterprises/:eid/subscribers",
    {
      schema: {
        tags: ["subscribers"],
        summary: "Create a subscriber (operators)",
        params: Type.Object({ eid: Type.String({ maxLength: 64 }) }),
        body: Type.Object({
          id: Type.String({ maxLength: 64 }),
          number: Type.String({ maxLength: 32 }),
          displayName: Type.Optional(Type.String({ maxLength: 256 })),
          password: Type.Optional(Type.String({ maxLength: 128 })),
          provisioningPassword: Type.Optional(Type.String({ maxLength: 128 })),
        }),
        response: { 201: SubscriberSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const created = await services.subscribers.create(contextOf(request), request.params.eid, request.body);
      return reply.status(201).header("etag", etag(created.version)).send(presentSubscriber(created));
    },
  );

  app.delete(
    "/api/v1/enterprises/:eid/subscribers/:sid",
    { schema: { tags: ["subscribers"], summary: "Delete a subscriber (operators)", params: Params, response: { 204: Type.Null(), ...errors(401, 403, 404, 409) } } },
    async (request, reply) => {
      await services.subscribers.remove(contextOf(request), request.params.eid, request.params.sid);
      return reply.status(204).send(null);
    },
  );
}
