// The use cases, wired to one store and one clock.
import type { Store } from "../store/database.ts";
import { ApiTokenService } from "./api-tokens.service.ts";
import { systemClock, type Clock } from "./context.ts";
import { EnterpriseService } from "./enterprises.service.ts";
import { NoticeService } from "./notices.service.ts";
import { SessionService, type SessionPolicy } from "./session.service.ts";
import { SetupService } from "./setup.service.ts";
import { SubscriberService } from "./subscribers.service.ts";

export interface Services {
  readonly store: Store;
  readonly clock: Clock;
  readonly sessions: SessionService;
  readonly enterprises: EnterpriseService;
  readonly subscribers: SubscriberService;
  readonly notices: NoticeService;
  readonly apiTokens: ApiTokenService;
  readonly setup: SetupService;
}

export interface ServiceOptions {
  readonly clock?: Clock;
  readonly sessionPolicy: SessionPolicy;
}

export function createServices(store: Store, options: ServiceOptions): Services {
  const clock = options.clock ?? systemClock;
  const db = store.db;
  const enterprises = new EnterpriseService(db, clock);
  const subscribers = new SubscriberService(db, clock);
  return {
    store,
    clock,
    sessions: new SessionService(db, clock, options.sessionPolicy),
    enterprises,
    subscribers,
    notices: new NoticeService(db, clock),
    apiTokens: new ApiTokenService(db, clock),
    setup: new SetupService(db, clock, enterprises, subscribers),
  };
}

export type { ActionContext, Clock } from "./context.ts";
