// Shapes of the API-token API (api.md §Operator), taken from the generated `paths`.
import type { paths } from "../../api/schema";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;

export type ApiTokenList = Json<paths["/api/v1/api-tokens"]["get"]["responses"][200]>;
export type ApiToken = ApiTokenList["items"][number];
export type TokenRole = ApiToken["role"];
export type NewApiTokenBody = NonNullable<paths["/api/v1/api-tokens"]["post"]["requestBody"]>["content"]["application/json"];
export type CreatedApiToken = Json<paths["/api/v1/api-tokens"]["post"]["responses"][201]>;

/** The roles in the order the form offers them. */
export const tokenRoles: readonly TokenRole[] = ["sipProxy", "enterpriseAdmin", "operator"];

/** The server counts the name in characters, at most 64 (8009). */
export const nameMaxLength = 64;

/** Newest first: by creation time, and by id for tokens created within the same instant. */
export function newestFirst(a: ApiToken, b: ApiToken): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id;
}
