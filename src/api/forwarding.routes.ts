// 留守番電話・転送設定 per number, bulk forwarding, and the forward-destination list.
import { Type } from "typebox";
import { contextOf, principalOf } from "./auth.ts";
import { etag, ifMatchVersion } from "./etag.ts";
import { errors } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";

const destination = Type.String({ maxLength: 32, description: "national digits; for extension-group members 0 + number or an extension" });
const parts = {
  unconditional: Type.Object({ enabled: Type.Boolean(), destination }, { description: "無条件転送", additionalProperties: false }),
  busy: Type.Object({ enabled: Type.Boolean(), destination }, { description: "話中時転送", additionalProperties: false }),
  noAnswer: Type.Object({ enabled: Type.Boolean(), destination, timerSec: Type.Integer({ description: "不応答転送タイマ 1–180 s" }) }, { description: "不応答転送", additionalProperties: false }),
  schedule: Type.Object({ enabled: Type.Boolean(), scheduleId: Type.Union([Type.Integer({ minimum: 1, maximum: 2147483647 }), Type.Null()]) }, { description: "スケジュール転送", additionalProperties: false }),
  voicemail: Type.Object(
    {
      enabled: Type.Boolean(),
      condition: Type.Union([Type.Literal("all"), Type.Literal("noAnswer"), Type.Literal("busy"), Type.Literal("busyOrNoAnswer")]),
      ringSec: Type.Integer({ description: "呼び出し秒数 1–180 s" }),
    },
    { description: "留守番電話", additionalProperties: false },
  ),
};
const Forwarding = Type.Object(parts);
const Answer = Type.Object({
  ...parts,
  version: Type.Integer(),
  services: Type.Object({ forwarding: Type.Boolean(), scheduleForwarding: Type.Boolean(), voicemail: Type.Boolean(), dynamicNumber: Type.Boolean(), app: Type.Boolean() }),
});
const PutAnswer = Type.Object({
  ...Answer.properties,
  warnings: Type.Array(
    Type.Object({ code: Type.String(), destination: Type.String(), message: Type.String(), messageEn: Type.String() }, { description: "allowed, but probably not intended" }),
  ),
});
const Params = Type.Object({ eid: Type.String({ maxLength: 64 }), sid: Type.String({ maxLength: 64 }) });
const EidParams = Type.Object({ eid: Type.String({ maxLength: 64 }) });
const Destinations = Type.Array(Type.Object({ number: Type.String({ maxLength: 32 }), memo: Type.String({ maxLength: 1024 }) }), { maxItems: 1000 });

export function forwardingRoutes(app: App, { services }: RouteDeps): void {
  app.get(
    "/api/v1/enterprises/:eid/subscribers/:sid/forwarding",
    { schema: { tags: ["forwarding"], summary: "A number's forwarding and voicemail (8115 without the forwarding service)", params: Params, response: { 200: Answer, ...errors(401, 403, 404) } } },
    async (request, reply) => {
      const r = await services.forwarding.get(principalOf(request), request.params.eid, request.params.sid);
      return reply.header("etag", etag(r.version)).send({ ...r.forwarding, version: r.version, services: r.services });
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/subscribers/:sid/forwarding",
    {
      schema: {
        tags: ["forwarding"],
        summary: "Change a number's forwarding (parts left out keep their values; a part sent is checked whole; loops: 8118)",
        params: Params,
        body: Type.Partial(Forwarding),
        response: { 200: PutAnswer, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const r = await services.forwarding.put(contextOf(request), request.params.eid, request.params.sid, request.body, ifMatchVersion(request.headers["if-match"]));
      return reply.header("etag", etag(r.version)).send({ ...r.forwarding, version: r.version, services: r.services, warnings: r.warnings });
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/forwarding",
    {
      schema: {
        tags: ["forwarding"],
        summary: "Bulk forwarding (着信転送一括設定): every row or none",
        params: EidParams,
        body: Type.Array(
          Type.Object({ subscriberId: Type.String({ maxLength: 64 }), unconditional: Type.Optional(parts.unconditional), busy: Type.Optional(parts.busy), noAnswer: Type.Optional(parts.noAnswer), voicemail: Type.Optional(parts.voicemail) }),
          { maxItems: 100_000 },
        ),
        response: { 200: Type.Object({ updated: Type.Integer() }), ...errors(400, 401, 403, 404, 409) },
      },
      bodyLimit: 64 * 1024 * 1024,
    },
    async (request) => services.forwarding.bulk(contextOf(request), request.params.eid, request.body),
  );

  app.get(
    "/api/v1/enterprises/:eid/forward-destinations",
    { schema: { tags: ["forwarding"], summary: "The forward-destination list (転送先番号リスト)", params: EidParams, response: { 200: Destinations, ...errors(401, 403, 404) } } },
    async (request) => services.forwarding.destinations(principalOf(request), request.params.eid),
  );

  app.put(
    "/api/v1/enterprises/:eid/forward-destinations",
    {
      schema: {
        tags: ["forwarding"],
        summary: "Replace the forward-destination list (≤ 30: 8100; memo ≤ 256 Shift_JIS bytes: 8101)",
        params: EidParams,
        body: Destinations,
        response: { 200: Destinations, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => services.forwarding.setDestinations(contextOf(request), request.params.eid, request.body),
  );
}
