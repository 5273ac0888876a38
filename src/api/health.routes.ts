// /healthz (the process answers) and /readyz (the database answers).
import { sql } from "kysely";
import { Type } from "typebox";
import type { App, RouteDeps } from "./types.ts";

export function healthRoutes(app: App, { services }: RouteDeps): void {
  app.get("/healthz", { schema: { tags: ["health"], summary: "Liveness", response: { 200: Type.Object({ status: Type.Literal("ok") }) } } }, async () => ({ status: "ok" as const }));
  app.get(
    "/readyz",
    {
      schema: {
        tags: ["health"],
        summary: "Readiness: the database answers",
        response: { 200: Type.Object({ status: Type.Literal("ready"), database: Type.String() }), 503: Type.Object({ status: Type.Literal("unavailable"), database: Type.String() }) },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(services.store.db);
        return { status: "ready" as const, database: services.store.dialect };
      } catch {
        return reply.status(503).send({ status: "unavailable" as const, database: services.store.dialect });
      }
    },
  );
}
