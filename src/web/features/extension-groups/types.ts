// Shapes of the extension-group API (features.md §10, api.md), taken from the generated `paths`.
import type { paths } from "../../api/schema";
import type { Json, RequestJson } from "./group-kit";

type Groups = paths["/api/v1/enterprises/{eid}/extension-groups"];
type Members = paths["/api/v1/enterprises/{eid}/extension-groups/{id}/members"];

export type ExtensionGroupList = Json<Groups["get"]["responses"][200]>;
export type ExtensionGroup = ExtensionGroupList["items"][number];
export type ExtensionGroupBody = RequestJson<Groups["post"]>;
export type ExtensionGroupSort = NonNullable<NonNullable<Groups["get"]["parameters"]["query"]>["sort"]>;
export type ExtensionMember = Json<Members["get"]["responses"][200]>["items"][number];
export type ExtensionMemberSort = NonNullable<NonNullable<Members["get"]["parameters"]["query"]>["sort"]>;
export type ExtensionMembersResult = Json<Members["put"]["responses"][200]>;
