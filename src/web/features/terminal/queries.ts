// The terminal state of a number (features.md §9): its query key (under the subscriber screens'
// prefix, so every change to the numbers refreshes it) and fetcher, and how sizes read.
import { api, unwrap } from "../../api/client";
import type { paths } from "../../api/schema";
import type { Json, RequestJson } from "../extension-groups/group-kit";

export type TerminalView = Json<paths["/api/v1/enterprises/{eid}/subscribers/{sid}/terminal"]["get"]["responses"][200]>;
export type TerminalPatch = RequestJson<paths["/api/v1/enterprises/{eid}/subscribers/{sid}/terminal"]["put"]>;
export type BulkTerminalRow = RequestJson<paths["/api/v1/enterprises/{eid}/terminal"]["put"]>[number];

export const terminalKey = (eid: string, sid: string) => ["subscribers", eid, "number", sid, "terminal"] as const;

export function fetchTerminal(eid: string, sid: string): Promise<TerminalView> {
  return unwrap(api.GET("/api/v1/enterprises/{eid}/subscribers/{sid}/terminal", { params: { path: { eid, sid } } }));
}

/** 183,500 bytes → "179.2 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
