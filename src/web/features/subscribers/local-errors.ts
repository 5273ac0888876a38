// Errors found in the browser before anything is sent (the domain's pure rules, for instant
// feedback), shown exactly as the server would answer them: "エラー 8039: …". The server stays the judge.
import { ApiError } from "../../api/client";
import { catalogue, DomainError, isErrorCode } from "../../../domain/errors.ts";

/** Shift_JIS (CP932) bytes of a text, counted as the server counts memos (8101). */
export { shiftJisByteLength } from "../../../domain/text.ts";

/** A catalogue error as if the server had answered it. */
export function catalogueError(code: string, field?: string): ApiError {
  const entry = isErrorCode(code) ? catalogue[code] : catalogue["8199"];
  return new ApiError({ status: entry.status, code, message: entry.ja, messageEn: entry.en, field });
}

/** A refusal of a domain rule as an ApiError; anything else is passed on. */
export function fromDomainError(error: unknown): ApiError {
  if (error instanceof DomainError) {
    return new ApiError({ status: error.status, code: error.code, message: error.messageJa, messageEn: error.messageEn, field: error.field, details: error.details });
  }
  throw error;
}

/** One failing row of a bulk write (api.md: all rows or none, with per-row errors). */
export interface BulkRowError {
  index: number;
  subscriberId: string;
  error: ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The per-row errors of a refused bulk write (error.details.rows), or none when it carries none. */
export function bulkRowErrors(error: unknown): BulkRowError[] {
  if (!(error instanceof ApiError) || !isRecord(error.details) || !Array.isArray(error.details.rows)) return [];
  const rows: BulkRowError[] = [];
  for (const row of error.details.rows as unknown[]) {
    if (!isRecord(row) || typeof row.subscriberId !== "string" || typeof row.code !== "string") continue;
    rows.push({
      index: typeof row.index === "number" ? row.index : -1,
      subscriberId: row.subscriberId,
      error: new ApiError({
        status: error.status,
        code: row.code,
        message: typeof row.message === "string" ? row.message : "",
        messageEn: typeof row.messageEn === "string" ? row.messageEn : "",
        field: typeof row.field === "string" ? row.field : undefined,
      }),
    });
  }
  return rows;
}
