// /api/v1/enterprises/{eid}/audit and /api/v1/audit (操作履歴): the audit trail, newest first.
import { Type } from "typebox";
import { principalOf } from "./auth.ts";
import { EnterpriseParams, errors, listOf } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";

const AuditEventSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  enterpriseId: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Object({ role: Type.String(), id: Type.String({ description: "operator or subscriber ID, or enterpriseId/loginId of an account" }) }),
  action: Type.String({ description: "e.g. adminGroup.create, account.delete" }),
  target: Type.Object({ type: Type.String(), id: Type.String() }),
  before: Type.Unknown({ description: "the target before the change (secrets redacted), or null" }),
  after: Type.Unknown({ description: "the target after the change (secrets redacted), or null" }),
  ip: Type.String(),
});

const filters = {
  subscriberId: Type.Optional(Type.String({ maxLength: 64, description: "changes made to this number" })),
  actor: Type.Optional(Type.String({ maxLength: 128, description: "who made them; an account's login ID alone matches within the enterprise" })),
  from: Type.Optional(Type.String({ format: "date-time", description: "inclusive, ISO-8601 with offset" })),
  to: Type.Optional(Type.String({ format: "date-time", description: "exclusive, ISO-8601 with offset" })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
};

function page(query: { offset?: number | undefined; limit?: number | undefined }) {
  return { offset: query.offset ?? 0, limit: query.limit ?? 50 };
}

export function auditRoutes(app: App, { services }: RouteDeps): void {
  app.get(
    "/api/v1/enterprises/:eid/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "The enterprise's audit trail, newest first (enterprise admins and operators)",
        params: EnterpriseParams,
        querystring: Type.Object(filters),
        response: { 200: listOf(AuditEventSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const query = { ...request.query, ...page(request.query) };
      const result = await services.auditLog.listForEnterprise(principalOf(request), request.params.eid, query);
      return { total: result.total, offset: query.offset, limit: query.limit, items: result.items };
    },
  );

  app.get(
    "/api/v1/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "The audit trail of every enterprise and of the operators, newest first (operators)",
        querystring: Type.Object({ ...filters, enterpriseId: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: { 200: listOf(AuditEventSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const query = { ...request.query, ...page(request.query) };
      const result = await services.auditLog.listAll(principalOf(request), query);
      return { total: result.total, offset: query.offset, limit: query.limit, items: result.items };
    },
  );
}
