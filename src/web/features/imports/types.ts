// Shapes of the bulk registration API (features.md §13, api.md), taken from the generated `paths`.
import type { paths } from "../../api/schema";
import type { Json } from "../extension-groups/group-kit";

type Imports = paths["/api/v1/enterprises/{eid}/imports"];
type OneImport = paths["/api/v1/enterprises/{eid}/imports/{id}"];

export type ImportList = Json<Imports["get"]["responses"][200]>;
export type ImportRecord = ImportList["items"][number];
export type ImportKind = ImportRecord["kind"];
export type ImportStatus = ImportRecord["status"];
export type ImportDetail = Json<OneImport["get"]["responses"][200]>;
export type PreviewLine = ImportDetail["preview"]["items"][number];
export type LineAction = PreviewLine["action"];
export type ApplyResult = Json<paths["/api/v1/enterprises/{eid}/imports/{id}/apply"]["post"]["responses"][200]>;
export type UploadBody = NonNullable<Imports["post"]["requestBody"]>["content"]["multipart/form-data"];

export const importKinds: readonly ImportKind[] = ["VPN", "HUNT", "PICKUP"];
export const lineActions: readonly LineAction[] = ["add", "change", "unchanged", "conflict"];

/** The lines of each template (files.md), as the download writes them. */
export const templateLines: Readonly<Record<ImportKind, readonly string[]>> = {
  VPN: ['"VPN"', '"加入者ID","内線グループ名","内線番号"', '"abc001","本社","1001"'],
  HUNT: ['"HUNT"', '"加入者ID","代表グループ名","着信順序"', '"abc001","代表グループ1","1"'],
  PICKUP: ['"PICKUP"', '"加入者ID","ピックアップグループ名"', '"abc001","ピックアップグループ1"'],
};
