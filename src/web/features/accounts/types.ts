// Shapes of the login-account API (features.md §7, api.md), taken from the generated `paths`.
import type { paths } from "../../api/schema";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;

export type AccountList = Json<paths["/api/v1/enterprises/{eid}/accounts"]["get"]["responses"][200]>;
export type LoginAccount = AccountList["items"][number];
export type AccountRole = LoginAccount["role"];
export type NewAccountBody = NonNullable<paths["/api/v1/enterprises/{eid}/accounts"]["post"]["requestBody"]>["content"]["application/json"];
export type AccountPatchBody = NonNullable<paths["/api/v1/enterprises/{eid}/accounts/{loginId}"]["patch"]["requestBody"]>["content"]["application/json"];

/** ログインID: up to 32 half-width letters, digits and symbols (8106). */
export const loginIdPattern = /^[\x21-\x7e]{1,32}$/;
