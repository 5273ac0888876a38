// /api/v1/enterprises (operators) and the enterprise bulletin.
import { Type } from "typebox";
import type { Enterprise } from "../domain/enterprise/enterprise.ts";
import { contextOf, principalOf } from "./auth.ts";
import { EnterpriseParams, errors, listOf, listOptions, listQuery } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";
import { etag, ifMatchVersion } from "./etag.ts";

const ServicesSchema = Type.Object({
  forwarding: Type.Boolean(),
  scheduleForwarding: Type.Boolean(),
  voicemail: Type.Boolean(),
  dynamicNumber: Type.Boolean(),
  app: Type.Boolean(),
});
const SelfServiceSchema = Type.Object({
  anonymousRejection: Type.Boolean(),
  withholdCallerId: Type.Boolean(),
  internationalBlock: Type.Boolean(),
  externalBlock: Type.Boolean(),
});

const EnterpriseSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  lineId1: Type.String(),
  lineId2: Type.String(),
  timeZone: Type.String(),
  services: ServicesSchema,
  selfService: SelfServiceSchema,
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Bulletin = Type.Object({ text: Type.String(), updatedAt: Type.Union([Type.String(), Type.Null()]) });

function present(e: Enterprise): Enterprise {
  return e;
}

export function enterpriseRoutes(app: App, { services }: RouteDeps): void {
  app.get(
    "/api/v1/enterprises",
    {
      schema: {
        tags: ["enterprises"],
        summary: "Search enterprises (operators)",
        querystring: listQuery(["id", "name"]),
        response: { 200: listOf(EnterpriseSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const options = { ...listOptions(request.query), sort: request.query.sort ?? ("id" as const) };
      const result = await services.enterprises.list(principalOf(request), options);
      return { total: result.total, offset: options.offset, limit: options.limit, items: result.items.map(present) };
    },
  );

  app.post(
    "/api/v1/enterprises",
    {
      schema: {
        tags: ["enterprises"],
        summary: "Create an enterprise with its built-in Administrator (operators)",
        body: Type.Object({
          id: Type.String({ maxLength: 64 }),
          name: Type.String({ maxLength: 256 }),
          lineId1: Type.Optional(Type.String({ maxLength: 64 })),
          lineId2: Type.Optional(Type.String({ maxLength: 64 })),
          timeZone: Type.Optional(Type.String({ maxLength: 64 })),
          administratorPassword: Type.String({ maxLength: 128 }),
          services: Type.Optional(Type.Partial(ServicesSchema)),
          selfService: Type.Optional(Type.Partial(SelfServiceSchema)),
        }),
        response: { 201: EnterpriseSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const created = await services.enterprises.create(contextOf(request), request.body);
      return reply.status(201).header("etag", etag(created.version)).send(present(created));
    },
  );

  app.get(
    "/api/v1/enterprises/:eid",
    {
      schema: { tags: ["enterprises"], summary: "One enterprise with its service plan", params: EnterpriseParams, response: { 200: EnterpriseSchema, ...errors(401, 404) } },
    },
    async (request, reply) => {
      const enterprise = await services.enterprises.get(principalOf(request), request.params.eid);
      return reply.header("etag", etag(enterprise.version)).send(present(enterprise));
    },
  );

  app.patch(
    "/api/v1/enterprises/:eid",
    {
      schema: {
        tags: ["enterprises"],
        summary: "Change an enterprise and its service plan (operators); If-Match for optimistic concurrency",
        params: EnterpriseParams,
        body: Type.Object({
          name: Type.Optional(Type.String({ maxLength: 256 })),
          lineId1: Type.Optional(Type.String({ maxLength: 64 })),
          lineId2: Type.Optional(Type.String({ maxLength: 64 })),
          timeZone: Type.Optional(Type.String({ maxLength: 64 })),
          services: Type.Optional(Type.Partial(ServicesSchema)),
          selfService: Type.Optional(Type.Partial(SelfServiceSchema)),
        }),
        response: { 200: EnterpriseSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const updated = await services.enterprises.update(contextOf(request), request.params.eid, request.body, ifMatchVersion(request.headers["if-match"]));
      return reply.header("etag", etag(updated.version)).send(present(updated));
    },
  );

  app.delete(
    "/api/v1/enterprises/:eid",
    {
      schema: { tags: ["enterprises"], summary: "Delete an enterprise and everything in it (operators)", params: EnterpriseParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } },
    },
    async (request, reply) => {
      await services.enterprises.remove(contextOf(request), request.params.eid);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/bulletin",
    { schema: { tags: ["bulletin"], summary: "The enterprise bulletin (every user of the enterprise)", params: EnterpriseParams, response: { 200: Bulletin, ...errors(401, 404) } } },
    async (request) => services.enterprises.bulletin(principalOf(request), request.params.eid),
  );

  app.put(
    "/api/v1/enterprises/:eid/bulletin",
    {
      schema: {
        tags: ["bulletin"],
        summary: "Write the bulletin (enterprise administrators; plain text ≤ 2,000 characters)",
        params: EnterpriseParams,
        body: Type.Object({ text: Type.String({ maxLength: 10_000 }) }),
        response: { 200: Bulletin, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => services.enterprises.setBulletin(contextOf(request), request.params.eid, request.body.text),
  );
}
