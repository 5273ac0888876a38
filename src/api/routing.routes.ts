// POST /api/v1/route: the call plan with its explanation (routing.md) — a what-if, or committed by the SIP proxy.
import { Type, type Static } from "typebox";
import { contextOf, principalOf } from "./auth.ts";
import { errors } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";

const digits = Type.String({ maxLength: 40 });
const Target = Type.Union([Type.Object({ subscriberId: Type.String(), number: Type.String() }), Type.Object({ external: Type.String() })]);
const Step = Type.Union([
  Type.Object({ kind: Type.Literal("ring"), targets: Type.Array(Target), timeoutSec: Type.Optional(Type.Integer()), parallel: Type.Boolean() }),
  Type.Object({
    kind: Type.Literal("forward"),
    to: Type.String({ description: "digits, or voicemail" }),
    reason: Type.Union([Type.Literal("unconditional"), Type.Literal("busy"), Type.Literal("noAnswer"), Type.Literal("schedule")]),
    subscriberId: Type.Optional(Type.String({ description: "set when the call continues at a number of the platform (its steps follow)" })),
    diversion: Type.Array(Type.String()),
  }),
  Type.Object({ kind: Type.Literal("reject"), sip: Type.Integer(), code: Type.Optional(Type.String()), announcement: Type.Optional(Type.String()) }),
  Type.Object({ kind: Type.Literal("feature"), action: Type.String(), destination: Type.Optional(Type.String()), result: Type.Union([Type.Literal("ok"), Type.Literal("error")]), code: Type.Optional(Type.String()) }),
  Type.Object({ kind: Type.Literal("pickup"), ringing: Type.String(), subscriberId: Type.String() }),
]);
const Link = Type.Object({
  kind: Type.String(),
  subscriberId: Type.Optional(Type.String()),
  section: Type.Optional(Type.String()),
  scheduleId: Type.Optional(Type.Integer()),
  row: Type.Optional(Type.Integer()),
  huntGroupId: Type.Optional(Type.Integer()),
  extensionGroupId: Type.Optional(Type.Integer()),
  pickupGroupId: Type.Optional(Type.Integer()),
});
const Answer = Type.Object({
  plan: Type.Object({
    steps: Type.Array(Step),
    presentation: Type.Optional(Type.Union([Type.Literal("allowed"), Type.Literal("restricted")])),
    presentedNumber: Type.Optional(Type.String()),
  }),
  explain: Type.Array(Type.Object({ rule: Type.String(), step: Type.Optional(Type.Integer()), detail: Type.String(), detailEn: Type.String(), link: Type.Optional(Link) })),
});

const WeekView = Type.Object({
  number: Type.String(),
  subscriberId: Type.String(),
  huntGroupId: Type.Union([Type.Integer(), Type.Null()]),
  timeZone: Type.String(),
  days: Type.Array(
    Type.Object({
      date: Type.String(),
      holiday: Type.Union([Type.String(), Type.Null()]),
      hours: Type.Array(
        Type.Object({
          hour: Type.Integer(),
          first: Type.String({ description: "what a call does first: ring, forward or reject" }),
          forwardTo: Type.Union([Type.String(), Type.Null()]),
          reason: Type.Union([Type.String(), Type.Null()]),
          scheduleRule: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
    }),
  ),
});

export function routingRoutes(app: App, { services }: RouteDeps): void {
  app.get(
    "/api/v1/route/week",
    {
      schema: {
        tags: ["routing"],
        summary: "Hour by hour over some days: which forwarding is in force for a number or hunt pilot (holidays marked)",
        querystring: Type.Object({ number: Type.String({ maxLength: 40 }), from: Type.Optional(Type.String({ maxLength: 10 })), days: Type.Optional(Type.Integer({ minimum: 1, maximum: 28 })) }),
        response: { 200: WeekView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => services.routing.week(principalOf(request), request.query.number, request.query.from, request.query.days ?? 7),
  );

  app.post(
    "/api/v1/route",
    {
      schema: {
        tags: ["routing"],
        summary: "Decide a call: the plan step by step with the rule behind each; `commit` (SIP proxy token) applies feature codes and hunt state",
        body: Type.Object({
          call: Type.Object({
            direction: Type.Union([Type.Literal("inbound"), Type.Literal("outbound")]),
            from: Type.String({ maxLength: 40, description: "the caller as received, or anonymous" }),
            caller: Type.Optional(Type.String({ maxLength: 64, description: "outbound: the subscriber who dials" })),
            dialed: digits,
            at: Type.Optional(Type.String({ maxLength: 40, description: "ISO-8601 instant; default now" })),
          }),
          state: Type.Optional(
            Type.Object({
              busy: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 })),
              unregistered: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 })),
              roundRobinCursor: Type.Optional(Type.Record(Type.String({ maxLength: 20 }), Type.String({ maxLength: 64 }))),
              usage: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Integer({ minimum: 0 }))),
              seed: Type.Optional(Type.Integer()),
              ringing: Type.Optional(Type.Array(Type.Object({ callId: Type.String({ maxLength: 128 }), subscriberId: Type.String({ maxLength: 64 }) }), { maxItems: 1000 })),
            }),
          ),
          commit: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Answer, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const decision = await services.routing.decide(contextOf(request), request.body);
      // The engine's readonly plan is the answer's shape (the schema mirrors src/domain/routing/types.ts).
      return { plan: decision.plan, explain: decision.explain } as unknown as Static<typeof Answer>;
    },
  );
}
