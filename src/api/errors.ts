// One error handler: every failure becomes api.md's error body with a catalogue code, never a stack trace.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError, errorBody, type ErrorCode } from "../domain/errors.ts";

interface AjvLikeError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** Schema failures: a missing or empty required field is 8008, anything else malformed is 8009. */
export function fromValidation(errors: readonly AjvLikeError[], part: string | undefined): DomainError {
  const first = errors[0];
  if (first === undefined) return new DomainError("8009");
  const path = first.instancePath.split("/").filter((s) => s !== "").join(".");
  const missing = typeof first.params.missingProperty === "string" ? first.params.missingProperty : undefined;
  const field = missing !== undefined ? (path === "" ? missing : `${path}.${missing}`) : path === "" ? undefined : path;
  const empty = first.keyword === "minLength" && first.params.limit === 1;
  const code: ErrorCode = first.keyword === "required" || empty ? "8008" : "8009";
  return new DomainError(code, {
    ...(field === undefined ? {} : { field }),
    details: { part, rule: first.keyword, ...(typeof first.params.limit === "number" ? { limit: first.params.limit } : {}) },
  });
}

/** A unique constraint hit by two writers at once: the later one is told someone else was first. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; errcode?: unknown; message?: unknown };
  return e.code === "23505" || (typeof e.message === "string" && e.message.includes("UNIQUE constraint failed"));
}

/** NUL can't be stored in PostgreSQL text and means nothing in any field of ours: refused up front (8009). */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000") || !value.isWellFormed();
  if (depth > 64 || value === null || typeof value !== "object") return false;
  for (const v of Object.values(value)) if (containsNul(v, depth + 1)) return true;
  return false;
}

function toDomainError(error: FastifyError & { validation?: AjvLikeError[]; validationContext?: string }): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (error.validation !== undefined) return fromValidation(error.validation, error.validationContext);
  if (isUniqueViolation(error)) return new DomainError("8111", { details: { reason: "conflict" } });
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE":
    case "FST_FILES_LIMIT":
    case "FST_PARTS_LIMIT":
    case "FST_FIELDS_LIMIT":
      return new DomainError("8123");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new DomainError("8009", { details: { reason: "body" } });
    default:
      break;
  }
  // Client errors raised by Fastify or its plugins (bad URL encoding, …): no catalogue code of their own.
  if (typeof error.statusCode === "number" && error.statusCode === 429) return new DomainError("8121");
  if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
    return new DomainError("8009", { details: { reason: "request" } });
  }
  return undefined;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = toDomainError(error);
    if (known !== undefined) {
      if (known.status >= 500) request.log.error({ err: error }, "request failed");
      return reply.status(known.status).send(errorBody(known));
    }
    request.log.error({ err: error }, "unexpected error");
    const internal = new DomainError("8199");
    return reply.status(internal.status).send(errorBody(internal));
  });
}

export function notFoundBody(): ReturnType<typeof errorBody> {
  return errorBody(new DomainError("8126"));
}
