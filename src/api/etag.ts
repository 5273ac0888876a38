// Optimistic concurrency (api.md): the ETag of a versioned resource and the version an If-Match names.
import { DomainError } from "../domain/errors.ts";

/** ETag of a versioned resource; If-Match carries it back. */
export function etag(version: number): string {
  return `"${version}"`;
}

export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === "*") return undefined;
  const m = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(header);
  if (m === null) throw new DomainError("8111", { field: "If-Match" });
  return Number(m[1]);
}

