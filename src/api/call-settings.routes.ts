// 発着信設定 per number and the bulk 発着信規制 screen.
import { Type } from "typebox";
import { contextOf, principalOf } from "./auth.ts";
import { etag, ifMatchVersion } from "./etag.ts";
import { errors } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";

const flags = {
  anonymousRejection: Type.Boolean({ description: "非通知着信拒否" }),
  withholdCallerId: Type.Boolean({ description: "回線毎非通知" }),
  internationalBlock: Type.Boolean({ description: "国際発信規制" }),
  externalBlock: Type.Boolean({ description: "外線発信規制" }),
};
// Unknown fields are refused, not stored in the subscriber's settings.
const PartialCallSettings = Type.Partial(Type.Object(flags), { additionalProperties: false });
const Answer = Type.Object({ ...flags, selfService: Type.Object(flags, { description: "which settings administrators may change (product.md §Service plan)" }), version: Type.Integer() });
const Params = Type.Object({ eid: Type.String({ maxLength: 64 }), sid: Type.String({ maxLength: 64 }) });

export function callSettingsRoutes(app: App, { services }: RouteDeps): void {
  app.get(
    "/api/v1/enterprises/:eid/subscribers/:sid/call-settings",
    { schema: { tags: ["call-settings"], summary: "A number's call settings and what the plan lets the caller change", params: Params, response: { 200: Answer, ...errors(401, 404) } } },
    async (request, reply) => {
      const r = await services.callSettings.get(principalOf(request), request.params.eid, request.params.sid);
      return reply.header("etag", etag(r.version)).send({ ...r.callSettings, selfService: r.selfService, version: r.version });
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/subscribers/:sid/call-settings",
    {
      schema: {
        tags: ["call-settings"],
        summary: "Change a number's call settings (parts left out keep their values; locked settings: 8116)",
        params: Params,
        body: PartialCallSettings,
        response: { 200: Answer, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const r = await services.callSettings.put(contextOf(request), request.params.eid, request.params.sid, request.body, ifMatchVersion(request.headers["if-match"]));
      return reply.header("etag", etag(r.version)).send({ ...r.callSettings, selfService: r.selfService, version: r.version });
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/call-settings",
    {
      schema: {
        tags: ["call-settings"],
        summary: "Bulk call settings (発着信規制): every row or none",
        params: Type.Object({ eid: Type.String({ maxLength: 64 }) }),
        body: Type.Array(Type.Object({ subscriberId: Type.String({ maxLength: 64 }), ...PartialCallSettings.properties }, { additionalProperties: false }), { maxItems: 100_000 }),
        response: { 200: Type.Object({ updated: Type.Integer() }), ...errors(400, 401, 403, 404) },
      },
      bodyLimit: 32 * 1024 * 1024,
    },
    async (request) => services.callSettings.bulk(contextOf(request), request.params.eid, request.body),
  );
}
