// /api/v1/enterprises/{eid}/subscribers: operators create and delete numbers.
import { Type } from "typebox";
import type { Subscriber } from "../domain/subscriber/subscriber.ts";
import { contextOf } from "./auth.ts";
import { etag } from "./enterprises.routes.ts";
import { errors } from "./schemas/common.ts";
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

const Params = Type.Object({ eid: Type.String({ maxLength: 64 }), sid: Type.String({ maxLength: 64 }) });

export function subscriberRoutes(app: App, { services }: RouteDeps): void {
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
