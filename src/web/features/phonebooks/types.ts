// Shapes of the shared-phonebook API (features.md §12, api.md), taken from the generated `paths`.
import type { paths } from "../../api/schema";
import type { Json } from "../extension-groups/group-kit";

type Books = paths["/api/v1/enterprises/{eid}/phonebooks"];
type OneBook = paths["/api/v1/enterprises/{eid}/phonebooks/{id}"];
type Members = paths["/api/v1/enterprises/{eid}/phonebooks/{id}/members"];

export type PhonebookList = Json<Books["get"]["responses"][200]>;
export type Phonebook = PhonebookList["items"][number];
export type PhonebookSort = NonNullable<NonNullable<Books["get"]["parameters"]["query"]>["sort"]>;
export type PhonebookDetail = Json<OneBook["get"]["responses"][200]>;
export type PhonebookEntry = PhonebookDetail["entries"]["items"][number];
export type PhonebookWarning = PhonebookDetail["warnings"][number];
export type AddBody = NonNullable<Books["post"]["requestBody"]>["content"]["multipart/form-data"];
export type ReplaceBody = NonNullable<OneBook["put"]["requestBody"]>["content"]["multipart/form-data"];
export type PhonebookMember = Json<Members["get"]["responses"][200]>["items"][number];
export type PhonebookMemberSort = NonNullable<NonNullable<Members["get"]["parameters"]["query"]>["sort"]>;
export type PhonebookMembersResult = Json<Members["put"]["responses"][200]>;
