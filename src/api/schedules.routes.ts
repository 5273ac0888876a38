// 時間帯転送 (schedules): list, add, edit, delete, preview.
import { Type } from "typebox";
import type { Schedule } from "../domain/schedule/schedule.ts";
import { contextOf, principalOf } from "./auth.ts";
import { etag, ifMatchVersion } from "./etag.ts";
import { errors, listOf, listOptions, listQuery } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";

const Rule = Type.Object({
  type: Type.Union([Type.Literal("date"), Type.Literal("weekday"), Type.Literal("holiday")], { description: "特定日 / 曜日 / 祝祭日" }),
  month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  day: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
  date: Type.Optional(Type.String({ maxLength: 10, description: "YYYY-MM-DD (a one-off 特定日)" })),
  weekdays: Type.Optional(Type.Array(Type.Integer(), { maxItems: 7, description: "0 = 日 … 6 = 土" })),
  start: Type.String({ maxLength: 5, description: "HH:MM" }),
  end: Type.String({ maxLength: 5, description: "HH:MM, exclusive; up to 24:00" }),
  action: Type.Union([Type.Literal("none"), Type.Literal("unconditional"), Type.Literal("busy"), Type.Literal("noAnswer")]),
  destination: Type.Optional(Type.String({ maxLength: 32 })),
  memo: Type.Optional(Type.String({ maxLength: 1024 })),
});
const Body = Type.Object({
  name: Type.String({ maxLength: 256 }),
  cfnaTimeoutSec: Type.Integer(),
  extensionGroupId: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 2147483647 }), Type.Null()])),
  memo: Type.Optional(Type.String({ maxLength: 1024 })),
  rules: Type.Array(Rule, { maxItems: 1000 }),
});
const ScheduleSchema = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.String(),
  name: Type.String(),
  cfnaTimeoutSec: Type.Integer(),
  extensionGroupId: Type.Union([Type.Integer(), Type.Null()]),
  memo: Type.String(),
  rules: Type.Array(Rule),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const PreviewSchema = Type.Object({
  schedule: ScheduleSchema,
  from: Type.String(),
  days: Type.Array(
    Type.Object({
      date: Type.String(),
      weekday: Type.Integer(),
      holiday: Type.Union([Type.String(), Type.Null()]),
      hours: Type.Array(
        Type.Object({
          hour: Type.Integer(),
          rule: Type.Union([Type.Integer(), Type.Null()]),
          ruleType: Type.Union([Type.String(), Type.Null()]),
          action: Type.String(),
          destination: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
    }),
  ),
});
const EidParams = Type.Object({ eid: Type.String({ maxLength: 64 }) });
const Params = Type.Object({ eid: Type.String({ maxLength: 64 }), id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

const present = (s: Schedule) => s;

export function scheduleRoutes(app: App, { services }: RouteDeps): void {
  app.get(
    "/api/v1/enterprises/:eid/schedules",
    { schema: { tags: ["schedules"], summary: "Search schedules by name", params: EidParams, querystring: listQuery(["name"]), response: { 200: listOf(ScheduleSchema), ...errors(400, 401, 403, 404) } } },
    async (request) => {
      const o = listOptions(request.query);
      const r = await services.schedules.list(principalOf(request), request.params.eid, o);
      return { total: r.total, offset: o.offset, limit: o.limit, items: r.items.map(present) };
    },
  );

  app.post(
    "/api/v1/enterprises/:eid/schedules",
    { schema: { tags: ["schedules"], summary: "Add a schedule (name unique: 8034)", params: EidParams, body: Body, response: { 201: ScheduleSchema, ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      const s = await services.schedules.create(contextOf(request), request.params.eid, request.body);
      return reply.status(201).header("etag", etag(s.version)).send(present(s));
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/schedules/:id",
    { schema: { tags: ["schedules"], summary: "One schedule", params: Params, response: { 200: ScheduleSchema, ...errors(401, 403, 404) } } },
    async (request, reply) => {
      const s = await services.schedules.get(principalOf(request), request.params.eid, request.params.id);
      return reply.header("etag", etag(s.version)).send(present(s));
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/schedules/:id",
    { schema: { tags: ["schedules"], summary: "Replace a schedule; If-Match for optimistic concurrency", params: Params, body: Body, response: { 200: ScheduleSchema, ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      const s = await services.schedules.update(contextOf(request), request.params.eid, request.params.id, request.body, ifMatchVersion(request.headers["if-match"]));
      return reply.header("etag", etag(s.version)).send(present(s));
    },
  );

  app.delete(
    "/api/v1/enterprises/:eid/schedules/:id",
    { schema: { tags: ["schedules"], summary: "Delete a schedule (not while a number or hunt group uses it: 8122)", params: Params, response: { 204: Type.Null(), ...errors(401, 403, 404, 409) } } },
    async (request, reply) => {
      await services.schedules.remove(contextOf(request), request.params.eid, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/schedules/:id/preview",
    {
      schema: {
        tags: ["schedules"],
        summary: "Which rule is in force hour by hour (holidays marked), from a local date for some days",
        params: Params,
        querystring: Type.Object({ from: Type.Optional(Type.String({ maxLength: 10 })), days: Type.Optional(Type.Integer({ minimum: 1, maximum: 62 })) }),
        response: { 200: PreviewSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => services.schedules.preview(principalOf(request), request.params.eid, request.params.id, request.query.from, request.query.days ?? 28),
  );
}
