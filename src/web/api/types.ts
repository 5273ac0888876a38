// Shapes of the API answers used by the screens, taken from the generated `paths`.
import type { paths } from "./schema";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;

export type Session = Json<paths["/api/v1/session"]["get"]["responses"][200]>;
export type Account = Session["account"];
export type Role = Account["role"];
export type LoginBody = NonNullable<paths["/api/v1/session"]["post"]["requestBody"]>["content"]["application/json"];
export type PasswordChangeBody = NonNullable<paths["/api/v1/session/password"]["put"]["requestBody"]>["content"]["application/json"];
export type NoticeList = Json<paths["/api/v1/notices"]["get"]["responses"][200]>;
export type Notice = NoticeList["items"][number];
export type NoticeInput = NonNullable<paths["/api/v1/notices"]["put"]["requestBody"]>["content"]["application/json"]["items"][number];
export type Bulletin = Json<paths["/api/v1/enterprises/{eid}/bulletin"]["get"]["responses"][200]>;
export type EnterpriseList = Json<paths["/api/v1/enterprises"]["get"]["responses"][200]>;
export type Enterprise = EnterpriseList["items"][number];
