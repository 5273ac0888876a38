// Shapes of the hunt-group API (features.md §8, api.md), taken from the generated `paths`.
import type { paths } from "../../api/schema";
import type { Json, RequestJson } from "../extension-groups/group-kit";

type Groups = paths["/api/v1/enterprises/{eid}/hunt-groups"];
type Members = paths["/api/v1/enterprises/{eid}/hunt-groups/{id}/members"];

export type HuntGroupList = Json<Groups["get"]["responses"][200]>;
export type HuntGroup = HuntGroupList["items"][number];
export type HuntGroupBody = RequestJson<Groups["post"]>;
export type Distribution = HuntGroup["distribution"];
export type HuntGroupSort = NonNullable<NonNullable<Groups["get"]["parameters"]["query"]>["sort"]>;
export type HuntMember = Json<Members["get"]["responses"][200]>["items"][number];
export type HuntMemberSort = NonNullable<NonNullable<Members["get"]["parameters"]["query"]>["sort"]>;
export type HuntMembersResult = Json<Members["put"]["responses"][200]>;

export const distributions: readonly Distribution[] = ["sequential", "roundRobin", "uniform", "random", "simultaneous"];
