// The use cases, wired to one store and one clock.
import type { Store } from "../store/database.ts";
import { AccountService } from "./accounts.service.ts";
import { AdminGroupService } from "./admin-groups.service.ts";
import { ApiTokenService } from "./api-tokens.service.ts";
import { AuditLogService } from "./audit-log.service.ts";
import { systemClock, type Clock } from "./context.ts";
import { EnterpriseService } from "./enterprises.service.ts";
import { NoticeService } from "./notices.service.ts";
import { SessionService, type SessionPolicy } from "./session.service.ts";
import { SetupService } from "./setup.service.ts";
import { SubscriberService } from "./subscribers.service.ts";
import { CallSettingsService } from "./call-settings.service.ts";
import { ForwardingService } from "./forwarding.service.ts";
import { ScheduleService } from "./schedules.service.ts";
import { RoutingService } from "./routing.service.ts";
import { TerminalService } from "./terminal.service.ts";
import { ExtensionGroupService } from "./extension-groups.service.ts";
import { HuntGroupService } from "./hunt-groups.service.ts";
import { PickupGroupService } from "./pickup-groups.service.ts";
import { ImportService } from "./imports.service.ts";
import { BulkJobs } from "./bulk-jobs.ts";
import { PhonebookService } from "./phonebooks.service.ts";

export interface Services {
  readonly store: Store;
  readonly clock: Clock;
  readonly sessions: SessionService;
  readonly enterprises: EnterpriseService;
  readonly subscribers: SubscriberService;
  readonly notices: NoticeService;
  readonly apiTokens: ApiTokenService;
  readonly setup: SetupService;
  readonly adminGroups: AdminGroupService;
  readonly accounts: AccountService;
  readonly auditLog: AuditLogService;
  readonly callSettings: CallSettingsService;
  readonly forwarding: ForwardingService;
  readonly schedules: ScheduleService;
  readonly routing: RoutingService;
  readonly terminal: TerminalService;
  readonly extensionGroups: ExtensionGroupService;
  readonly huntGroups: HuntGroupService;
  readonly pickupGroups: PickupGroupService;
  readonly imports: ImportService;
  readonly phonebooks: PhonebookService;
}

export interface ServiceOptions {
  readonly clock?: Clock;
  readonly sessionPolicy: SessionPolicy;
  /** The SIP realm / domain handed to devices at provisioning. */
  readonly sipRealm?: string | undefined;
  /**
   * Bulk registration and bulk forwarding run on a worker thread of their own (services/bulk-jobs.ts), so
   * the server's event loop stays free while they work. Off: they run on the calling thread.
   */
  readonly bulkWorker?: boolean;
}

export function createServices(store: Store, options: ServiceOptions): Services {
  const clock = options.clock ?? systemClock;
  const db = store.db;
  const jobs = options.bulkWorker === true ? new BulkJobs(store, clock, { sipRealm: options.sipRealm }) : undefined;
  const enterprises = new EnterpriseService(db, clock, store.dialect);
  const subscribers = new SubscriberService(db, clock, store.dialect, jobs);
  return {
    store,
    clock,
    sessions: new SessionService(db, clock, options.sessionPolicy),
    enterprises,
    subscribers,
    notices: new NoticeService(db, clock),
    apiTokens: new ApiTokenService(db, clock),
    setup: new SetupService(db, clock, enterprises, subscribers),
    adminGroups: new AdminGroupService(db, clock, store.dialect),
    accounts: new AccountService(db, clock, store.dialect),
    auditLog: new AuditLogService(db),
    callSettings: new CallSettingsService(db, clock),
    forwarding: new ForwardingService(db, clock, jobs),
    schedules: new ScheduleService(db, clock, store.dialect),
    routing: new RoutingService(db, clock, store.dialect),
    terminal: new TerminalService(db, clock, { realm: options.sipRealm ?? "centrex", lockoutThreshold: options.sessionPolicy.lockoutThreshold, lockoutMs: options.sessionPolicy.lockoutMs }),
    extensionGroups: new ExtensionGroupService(db, clock, store.dialect),
    huntGroups: new HuntGroupService(db, clock, store.dialect),
    pickupGroups: new PickupGroupService(db, clock, store.dialect),
    imports: new ImportService(db, clock, store.dialect, jobs),
    phonebooks: new PhonebookService(db, clock, store.dialect),
  };
}

export type { ActionContext, Clock } from "./context.ts";
