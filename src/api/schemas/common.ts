// Schemas shared by the route modules: the error body, list queries and list answers.
import { Type, type TSchema } from "typebox";

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: "catalogue code (docs/errors.md)" }),
      message: Type.String({ description: "Japanese message" }),
      messageEn: Type.String(),
      field: Type.Optional(Type.String()),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: "Error", description: "An error with its catalogue code" },
);

export const errorRef = Type.Ref("Error");

/** The error answers a route may give, each described by the common error body. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorRef]));
}

const listQueryFields = {
  q: Type.Optional(Type.String({ maxLength: 256 })),
  match: Type.Optional(Type.Union([Type.Literal("prefix"), Type.Literal("exact"), Type.Literal("partial")])),
  order: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
};

/** api.md list query, with the sort columns of the allow-list of that list. */
export function listQuery<const S extends string>(sortable: readonly [S, ...S[]]) {
  return Type.Object({
    ...listQueryFields,
    sort: Type.Optional(Type.Union(sortable.map((s) => Type.Literal(s)))),
  });
}

export function listOf<T extends TSchema>(item: T) {
  return Type.Object({
    total: Type.Integer(),
    offset: Type.Integer(),
    limit: Type.Integer(),
    items: Type.Array(item),
  });
}

export const EnterpriseParams = Type.Object({ eid: Type.String({ maxLength: 64 }) });

/** api.md: a `q` starting with `%` means partial match. */
export function listOptions(query: { q?: string | undefined; match?: "prefix" | "exact" | "partial" | undefined; order?: "asc" | "desc" | undefined; offset?: number | undefined; limit?: number | undefined }) {
  const raw = query.q ?? "";
  const partial = raw.startsWith("%");
  return {
    q: partial ? raw.slice(1) : raw,
    match: partial ? ("partial" as const) : (query.match ?? "prefix"),
    order: query.order ?? ("asc" as const),
    offset: query.offset ?? 0,
    limit: query.limit ?? 50,
  };
}
