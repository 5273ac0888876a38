// buildApp(deps): the Fastify application — plugins, security headers, auth, routes, OpenAPI, the web app.
import { existsSync } from "node:fs";
import path from "node:path";
import fastifyMultipart from "@fastify/multipart";
import helmet from "helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyReply, type FastifyServerOptions } from "fastify";
import { DomainError, errorBody } from "../domain/errors.ts";
import type { Services } from "../services/index.ts";
import { accountRoutes } from "./accounts.routes.ts";
import { adminGroupRoutes } from "./admin-groups.routes.ts";
import { apiTokenRoutes } from "./api-tokens.routes.ts";
import { callSettingsRoutes } from "./call-settings.routes.ts";
import { forwardingRoutes } from "./forwarding.routes.ts";
import { scheduleRoutes } from "./schedules.routes.ts";
import { routingRoutes } from "./routing.routes.ts";
import { terminalRoutes } from "./terminal.routes.ts";
import { extensionGroupRoutes } from "./extension-groups.routes.ts";
import { huntGroupRoutes } from "./hunt-groups.routes.ts";
import { pickupGroupRoutes } from "./pickup-groups.routes.ts";
import { importRoutes } from "./imports.routes.ts";
import { phonebookRoutes } from "./phonebooks.routes.ts";
import { uploadLimits } from "./upload.ts";
import { auditRoutes } from "./audit.routes.ts";
import { registerAuth, type CookieOptions } from "./auth.ts";
import { enterpriseRoutes } from "./enterprises.routes.ts";
import { notFoundBody, registerErrorHandling } from "./errors.ts";
import { registerJsonParser } from "./json-body.ts";
import { healthRoutes } from "./health.routes.ts";
import { noticeRoutes } from "./notices.routes.ts";
import { ErrorSchema } from "./schemas/common.ts";
import { sessionRoutes } from "./session.routes.ts";
import { subscriberRoutes } from "./subscribers.routes.ts";
import type { App, RouteDeps } from "./types.ts";
import { lazySerializerFactory, validatorCompiler } from "./validation.ts";

export interface AppOptions {
  readonly services: Services;
  readonly cookies?: CookieOptions;
  readonly loginRateLimit?: number;
  /** Requests a minute from one IP without an API token; 0 turns the limit off. */
  readonly apiRateLimit?: number;
  readonly trustProxy?: boolean;
  /** The built single-page app; not served when absent. */
  readonly webDir?: string | undefined;
  readonly logger?: FastifyServerOptions["logger"];
  readonly version?: string;
}

export const bodyLimit = 1024 * 1024;

const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The security headers, computed once by helmet at start-up and set on every answer as constant strings.
 * (Registered as a plugin, helmet re-derives them for each request; on the routing hot path that was a
 * tenth of the CPU an answer costs.)
 */
const securityHeaders: Readonly<Record<string, string>> = (() => {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet({
    // quality.md: a CSP without inline scripts, frame denial, nosniff.
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    frameguard: { action: "deny" },
    hsts: false,
    crossOriginEmbedderPolicy: false,
  })({} as never, response as never, () => undefined);
  return headers;
})();

/**
 * The headers of the REST API's answers (`/api/v1/…`: JSON, CSV and vCard files, never a page). What
 * governs a document (a CSP that lets the portal's own scripts run, COOP, DNS prefetching, the old IE and
 * Flash switches) means nothing to a JSON answer; such an answer gets the API policy instead: no content
 * of any kind and no framing, nosniff, no referrer, same-origin reads only. Six headers fewer on every
 * call-routing answer, where the headers were most of the bytes.
 */
const apiSecurityHeaders: Readonly<Record<string, string>> = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "cross-origin-resource-policy": "same-origin",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
};

export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit,
    // Deep or huge JSON bodies are refused before they cost anything.
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { coerceTypes: false } },
    schemaController: { compilersFactory: { buildSerializer: lazySerializerFactory } },
    genReqId: () => crypto.randomUUID(),
    // Errors Fastify raises before routing (bad URL encoding, over-long parameters) get the same body and headers.
    frameworkErrors: (error, _request, fastifyReply) => {
      const code = error.code === "FST_ERR_MAX_PARAM_LENGTH" ? 414 : 400;
      const reply = fastifyReply as unknown as FastifyReply;
      void reply
        .status(code)
        .headers(securityHeaders)
        .send(errorBody(new DomainError("8009", { details: { reason: code === 414 ? "parameterTooLong" : "badUrl" } })));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);

  registerErrorHandling(app);
  registerJsonParser(app);
  app.addSchema(ErrorSchema);

  // Hooks on every request are plain callbacks: an async hook costs a promise and a turn per request.
  app.addHook("onRequest", (request, reply, done) => {
    void reply.headers(request.url.startsWith("/api/v1/") ? apiSecurityHeaders : securityHeaders);
    // NUL can't be stored in PostgreSQL text and means nothing in any field of ours (bodies: api/json-body.ts).
    if (request.url.includes("%00")) return done(new DomainError("8009", { details: { reason: "nul" } }));
    done();
  });
  const apiRateLimit = options.apiRateLimit ?? 6000;
  await app.register(fastifyRateLimit, {
    global: apiRateLimit > 0,
    max: Math.max(apiRateLimit, 1),
    timeWindow: 60_000,
    // The SIP proxy and scripts authenticate with tokens and are limited by their own capacity, not per IP.
    allowList: (request) => /^Bearer\s/i.test(request.headers.authorization ?? ""),
    errorResponseBuilder: () => new DomainError("8121"),
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Centrex API",
        version: options.version ?? "0.1.0",
        description:
          "The REST API of the Centrex portal. Log in with POST /api/v1/session (cookie + X-CSRF-Token on every state change) or send `Authorization: Bearer <API token>`. Errors carry a catalogue code (docs/errors.md).",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "centrex_session" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === "string" ? json.$id : `def-${i}`) },
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", uiConfig: { docExpansion: "list", deepLinking: true } });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  registerAuth(app, options.services);
  const deps: RouteDeps = {
    services: options.services,
    cookies: options.cookies ?? { secure: "auto" },
    loginRateLimit: options.loginRateLimit ?? 60,
  };
  // Every route module, registered here and nowhere else.
  healthRoutes(app, deps);
  sessionRoutes(app, deps);
  enterpriseRoutes(app, deps);
  subscriberRoutes(app, deps);
  callSettingsRoutes(app, deps);
  forwardingRoutes(app, deps);
  scheduleRoutes(app, deps);
  routingRoutes(app, deps);
  terminalRoutes(app, deps);
  noticeRoutes(app, deps);
  apiTokenRoutes(app, deps);
  adminGroupRoutes(app, deps);
  accountRoutes(app, deps);
  auditRoutes(app, deps);
  extensionGroupRoutes(app, deps);
  huntGroupRoutes(app, deps);
  pickupGroupRoutes(app, deps);
  // Uploads (bulk registration, phonebooks): one file of at most 5 MB and a few small fields, refused past the
  // limits before anything is parsed (413 8123); routes read the parts themselves (api/upload.ts). The
  // multipart plugin lives in the scope of these routes alone: registered for the whole app it hooks every
  // request (a listener at its start, a file clean-up at its end), two promises on each call-routing answer.
  // Elsewhere a multipart body is an unsupported media type (400 8009).
  await app.register(async (uploads: App) => {
    await uploads.register(fastifyMultipart, { limits: uploadLimits, throwFileSizeLimit: true });
    importRoutes(uploads, deps);
    phonebookRoutes(uploads, deps);
  });

  const webDir = options.webDir;
  const hasWeb = webDir !== undefined && existsSync(path.join(webDir, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, prefix: "/", wildcard: false, index: ["index.html"] });
  }
  app.setNotFoundHandler((request, reply) => {
    // The single-page app owns every other path a browser asks for.
    if (hasWeb && request.method === "GET" && !request.url.startsWith("/api/") && request.headers.accept?.includes("text/html") === true) {
      return reply.type("text/html").sendFile("index.html");
    }
    return reply.status(404).send(notFoundBody());
  });
  return app;
}
