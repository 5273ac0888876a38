// Shapes of the admin-group API (features.md §7, api.md), taken from the generated `paths`.
import type { paths } from "../../api/schema";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;

export type AdminGroupList = Json<paths["/api/v1/enterprises/{eid}/admin-groups"]["get"]["responses"][200]>;
export type AdminGroup = AdminGroupList["items"][number];
export type MemberList = Json<paths["/api/v1/enterprises/{eid}/admin-groups/{id}/members"]["get"]["responses"][200]>;
export type Member = MemberList["items"][number];
export type Membership = "member" | "nonMember" | "all";
