// Multipart uploads (bulk registration, phonebooks): the plugin's limits, one form read into memory, and the
// route options that document a multipart body without validating it as JSON.
import "@fastify/multipart";
import type { FastifyRequest, FastifySchemaCompiler } from "fastify";
import { DomainError } from "../domain/errors.ts";
import { validatorCompiler } from "./validation.ts";

/** quality.md: size limits before parsing. files.md: 5 MB for a bulk file and for a phonebook. */
export const uploadLimits = {
  fileSize: 5 * 1024 * 1024,
  files: 1,
  fields: 8,
  fieldSize: 4 * 1024,
  parts: 10,
  headerPairs: 100,
} as const;

export interface UploadForm {
  readonly fields: ReadonlyMap<string, string>;
  readonly file: { fileName: string; bytes: Buffer } | undefined;
}

/**
 * Reads a multipart form: the part named `file` into memory (the plugin stops it past 5 MB: 413 8123) and the
 * named text fields. Anything else is read and dropped. A request that is not multipart has no file.
 */
export async function readUploadForm(request: FastifyRequest, fieldNames: readonly string[]): Promise<UploadForm> {
  const fields = new Map<string, string>();
  let file: UploadForm["file"];
  if (!request.isMultipart()) return { fields, file };
  // A malformed multipart body (no boundary, cut short) is bad input, not a server error.
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        const bytes = await part.toBuffer();
        if (part.fieldname === "file") file = { fileName: part.filename, bytes };
        continue;
      }
      if (!fieldNames.includes(part.fieldname)) continue;
      if (part.valueTruncated || typeof part.value !== "string") throw new DomainError("8009", { field: part.fieldname });
      fields.set(part.fieldname, part.value);
    }
  } catch (error) {
    if (error instanceof DomainError || (typeof (error as { code?: unknown }).code === "string" && String((error as { code: string }).code).startsWith("FST_"))) throw error;
    throw new DomainError("8009", { details: { reason: "multipart" } });
  }
  return { fields, file };
}

/**
 * A route's validator: a multipart body is read by readUploadForm (its schema only documents it); every other
 * part (and a JSON body) is validated as usual.
 */
export const multipartAwareValidator: FastifySchemaCompiler<object> = (route) =>
  route.httpPart === "body" && route.contentType?.startsWith("multipart/") === true ? () => true : validatorCompiler(route);
