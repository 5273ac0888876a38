// 端末: terminal authentication, one-time release, CallKit, emergency stop, initialise, backup data; device provisioning.
import { Type } from "typebox";
import { contextOf, principalOf } from "./auth.ts";
import { etag, ifMatchVersion } from "./etag.ts";
import { errors } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";

const TerminalView = Type.Object({
  authentication: Type.Boolean({ description: "端末認証" }),
  oneTimeRelease: Type.Boolean({ description: "ワンタイム解除: one more device may set up, then locked again" }),
  callKit: Type.Boolean(),
  boundDeviceId: Type.Union([Type.String(), Type.Null()]),
  provisionedAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  backup: Type.Optional(Type.Union([Type.Object({ sizeBytes: Type.Integer(), updatedAt: Type.String() }), Type.Null()])),
  wipePending: Type.Optional(Type.Boolean()),
  initializedAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  emergencyStopped: Type.Boolean({ description: "緊急停止" }),
  version: Type.Integer(),
});
const Params = Type.Object({ eid: Type.String({ maxLength: 64 }), sid: Type.String({ maxLength: 64 }) });

export function terminalRoutes(app: App, { services, loginRateLimit }: RouteDeps): void {
  app.get(
    "/api/v1/enterprises/:eid/subscribers/:sid/terminal",
    { schema: { tags: ["terminal"], summary: "A number's terminal state", params: Params, response: { 200: TerminalView, ...errors(401, 403, 404) } } },
    async (request, reply) => {
      const t = await services.terminal.get(principalOf(request), request.params.eid, request.params.sid);
      return reply.header("etag", etag(t.version)).send(t);
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/subscribers/:sid/terminal",
    {
      schema: {
        tags: ["terminal"],
        summary: "端末認証 ON/OFF, ワンタイム解除 (only while authentication is on), CallKit",
        params: Params,
        body: Type.Object({ authentication: Type.Optional(Type.Boolean()), oneTimeRelease: Type.Optional(Type.Boolean()), callKit: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: TerminalView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const t = await services.terminal.put(contextOf(request), request.params.eid, request.params.sid, request.body, ifMatchVersion(request.headers["if-match"]));
      return reply.header("etag", etag(t.version)).send(t);
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/subscribers/:sid/emergency-stop",
    {
      schema: {
        tags: ["terminal"],
        summary: "緊急停止 / 解除: calls to and from the number and setup are refused; the app wipes its data at next contact",
        params: Params,
        body: Type.Object({ stopped: Type.Boolean() }),
        response: { 200: TerminalView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => services.terminal.emergencyStop(contextOf(request), request.params.eid, request.params.sid, request.body.stopped),
  );

  app.post(
    "/api/v1/enterprises/:eid/subscribers/:sid/initialize",
    { schema: { tags: ["terminal"], summary: "初期化: reset the app-side settings; the device must set up again", params: Params, response: { 200: TerminalView, ...errors(401, 403, 404) } } },
    async (request) => services.terminal.initialize(contextOf(request), request.params.eid, request.params.sid),
  );

  app.delete(
    "/api/v1/enterprises/:eid/subscribers/:sid/backup",
    { schema: { tags: ["terminal"], summary: "Delete the number's backup data (バックアップデータ削除)", params: Params, response: { 200: TerminalView, ...errors(401, 403, 404) } } },
    async (request) => services.terminal.deleteBackup(contextOf(request), request.params.eid, request.params.sid),
  );

  app.put(
    "/api/v1/enterprises/:eid/terminal",
    {
      schema: {
        tags: ["terminal"],
        summary: "機能設定 (CallKit) and backup deletion in bulk: every row or none",
        params: Type.Object({ eid: Type.String({ maxLength: 64 }) }),
        body: Type.Array(Type.Object({ subscriberId: Type.String({ maxLength: 64 }), callKit: Type.Optional(Type.Boolean()), deleteBackup: Type.Optional(Type.Boolean()) }), { maxItems: 100_000 }),
        response: { 200: Type.Object({ updated: Type.Integer() }), ...errors(400, 401, 403, 404) },
      },
      bodyLimit: 16 * 1024 * 1024,
    },
    async (request) => services.terminal.bulk(contextOf(request), request.params.eid, request.body),
  );

  app.post(
    "/api/v1/provision",
    {
      config: { csrf: false, rateLimit: { max: loginRateLimit, timeWindow: 60_000 } },
      schema: {
        tags: ["devices"],
        summary: "Device provisioning: subscriber ID + provisioning password + device ID → SIP settings (8119 stopped, 8120 terminal authentication, 8000 wrong secret with lockout)",
        security: [],
        body: Type.Object({ subscriberId: Type.String({ maxLength: 64 }), provisioningPassword: Type.String({ maxLength: 128 }), deviceId: Type.String({ maxLength: 256 }) }),
        response: {
          200: Type.Object({
            subscriberId: Type.String(),
            number: Type.String(),
            displayName: Type.String(),
            sip: Type.Object({ username: Type.String(), password: Type.String(), realm: Type.String(), domain: Type.String() }),
            settings: Type.Object({ callKit: Type.Boolean(), anonymousRejection: Type.Boolean(), withholdCallerId: Type.Boolean() }),
          }),
          ...errors(400, 401, 403, 423, 429),
        },
      },
    },
    async (request) => services.terminal.provision(request.body, request.ip),
  );
}
