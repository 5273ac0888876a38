// Request validation: bodies are taken as sent (no type coercion, nothing removed); query strings and
// path parameters are coerced from text, as they can only be text.
import { Ajv, type Options } from "ajv";
import addFormats from "ajv-formats";
import { SerializerSelector } from "@fastify/fast-json-stringify-compiler";
import type { FastifySchemaCompiler } from "fastify";

/**
 * `validateSchema: false`: a schema is not checked against the JSON Schema meta-schema as it compiles. The
 * first check of each instance compiled the meta-schema (30–60 ms, on the first call of a route, which
 * held up everything else the server was answering); the schemas are the routes' own, and a test checks
 * every one of them against the meta-schema instead (test/api/http.test.ts).
 */
function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: false, strict: false, useDefaults: false, validateSchema: false, ...options });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv;
}

const bodyAjv = makeAjv({ coerceTypes: false, removeAdditional: false });
const textAjv = makeAjv({ coerceTypes: "array", removeAdditional: false, useDefaults: true });

type Check = ((data: unknown) => boolean) & { errors?: unknown };

/**
 * Compiles a route's schema the first time the route is called, not at start-up: an idle server then
 * holds no code for the routes nobody uses (about a quarter of its heap, docs/performance.md). Fastify
 * reads `errors` from the function it was given, so they are copied from the compiled one.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === "body" ? bodyAjv : textAjv;
  let compiled: Check | undefined;
  const check: Check = (data) => {
    compiled ??= ajv.compile(schema) as Check;
    const valid = compiled(data);
    check.errors = compiled.errors;
    return valid;
  };
  return check as ReturnType<FastifySchemaCompiler<object>>;
};

type SerializerFactory = ReturnType<typeof SerializerSelector>;

/** Fastify's own response serializers (fast-json-stringify), compiled on a route's first answer of each status, as the validators are. */
export const lazySerializerFactory: SerializerFactory = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas, options);
  return (route) => {
    let serialize: ((doc: unknown) => string) | undefined;
    return (doc) => (serialize ??= compile(route))(doc);
  };
};
