// The Fastify instance type the route modules are written against (TypeBox-typed requests).
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Services } from "../services/index.ts";
import type { CookieOptions } from "./auth.ts";

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression<RawServerDefault>,
  RawReplyDefaultExpression<RawServerDefault>,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface RouteDeps {
  readonly services: Services;
  readonly cookies: CookieOptions;
  readonly loginRateLimit: number;
}
