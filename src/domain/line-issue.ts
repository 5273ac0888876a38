// Errors and warnings of an uploaded file, each with its line: what the bulk registration and phonebook uploads report.
import { catalogue, DomainError, type ErrorCode } from "./errors.ts";

/** One error of a file: its line (null: the file as a whole), the catalogue code, the message, the column at fault. */
export interface LineIssue {
  readonly line: number | null;
  readonly code: ErrorCode;
  readonly message: string;
  readonly messageEn: string;
  readonly field?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** An issue with the catalogue's texts, or more specific ones. */
export function lineIssue(
  line: number | null,
  code: ErrorCode,
  options: { field?: string | undefined; message?: { ja: string; en: string } | undefined; details?: Record<string, unknown> | undefined } = {},
): LineIssue {
  const entry = catalogue[code];
  return {
    line,
    code,
    message: options.message?.ja ?? entry.ja,
    messageEn: options.message?.en ?? entry.en,
    ...(options.field === undefined ? {} : { field: options.field }),
    ...(options.details === undefined ? {} : { details: options.details }),
  };
}

/** Issues in file order: the whole file first, then by line, each line's in the order found. */
export function sortIssues(issues: readonly LineIssue[]): LineIssue[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => (a.issue.line ?? 0) - (b.issue.line ?? 0) || a.i - b.i)
    .map((x) => x.issue);
}

/**
 * The refusal of a whole file (api.md: bulk writes are all or nothing, with per-row errors): the code and the
 * message of the first error, every error in `details.errors`. `status` is the answer's HTTP status (an upload
 * 400, an apply the current data contradicts 409); a file over its limits answers 413 whatever is asked.
 */
export function fileRefusal(issues: readonly LineIssue[], status: number): DomainError {
  const sorted = sortIssues(issues);
  const first = sorted[0];
  if (first === undefined) throw new Error("fileRefusal needs at least one issue");
  const where = first.line === null ? { ja: "", en: "" } : { ja: `${first.line}行目: `, en: `Line ${first.line}: ` };
  return new DomainError(first.code, {
    status: catalogue[first.code].status === 413 ? 413 : status,
    ...(first.field === undefined ? {} : { field: first.field }),
    message: { ja: `${where.ja}${first.message}`, en: `${where.en}${first.messageEn}` },
    details: { errors: sorted, errorCount: sorted.length },
  });
}
