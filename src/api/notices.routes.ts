// /api/v1/notices: operator notices on every top page.
import { Type } from "typebox";
import { contextOf, principalOf } from "./auth.ts";
import { errors } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";

const Notices = Type.Object({
  items: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), body: Type.String(), publishedAt: Type.String() })),
});

export function noticeRoutes(app: App, { services }: RouteDeps): void {
  app.get(
    "/api/v1/notices",
    { schema: { tags: ["notices"], summary: "Operator notices (every logged-in user)", response: { 200: Notices, ...errors(401) } } },
    async (request) => {
      const items = await services.notices.list(principalOf(request));
      // Newest first on the top page.
      return { items: [...items].sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0)) };
    },
  );

  app.put(
    "/api/v1/notices",
    {
      schema: {
        tags: ["notices"],
        summary: "Replace the operator notices (operators)",
        body: Type.Object({
          items: Type.Array(Type.Object({ title: Type.String({ maxLength: 1000 }), body: Type.String({ maxLength: 10_000 }) }), { maxItems: 1000 }),
        }),
        response: { 200: Notices, ...errors(400, 401, 403) },
      },
    },
    async (request) => ({ items: await services.notices.replace(contextOf(request), request.body.items) }),
  );
}
