// JSON request bodies: strict UTF-8 and at most 32 levels deep, refused with 8009 before JSON.parse runs;
// no NUL and no lone surrogate in any string.
// Fastify's own parser would turn invalid bytes into U+FFFD and store them, and parse 10,000-deep
// nesting that later fails in JSON.stringify (a 500); both are bad input (quality.md §Security).
import type { FastifyInstance } from "fastify";
import { DomainError } from "../domain/errors.ts";
import { containsNul } from "./errors.ts";

const maxDepth = 32;
const decoder = new TextDecoder("utf-8", { fatal: true });

/** The deepest nesting of arrays and objects in a JSON text, stopping as soon as it passes `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i += 1; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 93 || c === 125) depth -= 1;
  }
  return false;
}

export function registerJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    let text: string;
    try {
      text = decoder.decode(body as Buffer);
    } catch {
      done(new DomainError("8009", { details: { reason: "utf8" } }), undefined);
      return;
    }
    if (jsonDepthExceeds(text, maxDepth)) {
      done(new DomainError("8009", { details: { reason: "depth" } }), undefined);
      return;
    }
    // NUL and lone surrogates can only come from \u escapes (raw control characters are not JSON and
    // the bytes are valid UTF-8), so a body without one is not walked.
    if (!text.includes("\\u")) return parse(request, text, done);
    parse(request, text, (error, value) => {
      if (error !== null && error !== undefined) done(error, undefined);
      else if (containsNul(value)) done(new DomainError("8009", { details: { reason: "nul" } }), undefined);
      else done(null, value);
    });
  });
}
