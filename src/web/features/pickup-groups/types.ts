// Shapes of the pickup-group API (features.md §11, api.md), taken from the generated `paths`.
import type { paths } from "../../api/schema";
import type { Json, RequestJson } from "../extension-groups/group-kit";

type Groups = paths["/api/v1/enterprises/{eid}/pickup-groups"];
type Members = paths["/api/v1/enterprises/{eid}/pickup-groups/{id}/members"];

export type PickupGroupList = Json<Groups["get"]["responses"][200]>;
export type PickupGroup = PickupGroupList["items"][number];
export type PickupGroupBody = RequestJson<Groups["post"]>;
export type PickupGroupSort = NonNullable<NonNullable<Groups["get"]["parameters"]["query"]>["sort"]>;
export type PickupMember = Json<Members["get"]["responses"][200]>["items"][number];
export type PickupMemberSort = NonNullable<NonNullable<Members["get"]["parameters"]["query"]>["sort"]>;
export type PickupMembersResult = Json<Members["put"]["responses"][200]>;

/** The site of a new pickup group (the server's fixed initial value). */
export const initialSite = "default";
