// The tables as Kysely sees them. Booleans are stored as 0/1 and JSON as text on both databases.
import type { Generated } from "kysely";

export type Dialect = "sqlite" | "postgres";
/** 0 or 1: one representation of a flag on both databases. */
export type Flag = number;

export interface OperatorTable {
  login_id: string;
  password_hash: string;
  created_at: string;
}

export interface EnterpriseTable {
  id: string;
  name: string;
  line_id1: string | null;
  line_id2: string | null;
  time_zone: string;
  services: string;
  self_service: string;
  bulletin_text: string;
  bulletin_updated_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SubscriberTable {
  id: string;
  enterprise_id: string;
  number: string;
  number_kind: string;
  display_name: string;
  info: string;
  memo: string;
  provisioning_password_hash: string | null;
  password_hash: string | null;
  origin_number1: string | null;
  origin_number2: string | null;
  notify_number: string | null;
  call_settings: string;
  forwarding: string;
  terminal: string;
  emergency_stopped: Flag;
  extension_group_id: number | null;
  extension: string | null;
  pickup_group_id: number | null;
  hunt_group_id: number | null;
  hunt_order: number | null;
  schedule_id: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AdminGroupTable {
  id: Generated<number>;
  enterprise_id: string;
  name: string;
  created_at: string;
}

export interface AdminGroupMemberTable {
  admin_group_id: number;
  subscriber_id: string;
}

export interface AccountTable {
  id: Generated<number>;
  enterprise_id: string;
  login_id: string;
  password_hash: string;
  role: string;
  admin_group_id: number | null;
  memo: string;
  built_in: Flag;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id_hash: string;
  role: string;
  login_id: string;
  enterprise_id: string | null;
  account_id: number | null;
  subscriber_id: string | null;
  csrf_token: string;
  ip: string;
  created_at: string;
  last_seen_at: string;
}

export interface LoginAttemptTable {
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  token_hash: string;
  name: string;
  role: string;
  enterprise_id: string | null;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
}

export interface NoticeTable {
  id: Generated<number>;
  title: string;
  body: string;
  published_at: string;
  position: number;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  enterprise_id: string | null;
  actor_role: string;
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string;
  before: string | null;
  after: string | null;
  ip: string;
}

export interface ExtensionGroupTable {
  id: Generated<number>;
  enterprise_id: string;
  name: string;
  site_number: string;
  external_prefix: string;
  memo: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ScheduleTable {
  id: Generated<number>;
  enterprise_id: string;
  name: string;
  cfna_timeout_sec: number;
  extension_group_id: number | null;
  memo: string;
  rules: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PickupGroupTable {
  id: Generated<number>;
  enterprise_id: string;
  name: string;
  number: string;
  site: string;
  memo: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface HuntGroupTable {
  id: Generated<number>;
  enterprise_id: string;
  name: string;
  pilot_subscriber_id: string;
  distribution: string;
  slide_timer_sec: number;
  schedule_id: number | null;
  schedule_enabled: Flag;
  memo: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ForwardDestinationTable {
  id: Generated<number>;
  enterprise_id: string;
  position: number;
  number: string;
  memo: string;
}

/** SQLite only: the FTS5 trigram index of subscribers (rowid = subscribers.rowid). */
export interface SubscriberSearchTable {
  rowid: number;
  id_text: string;
  number: string;
  extension: string;
  display_name: string;
  /** The enterprise id between STX and ETX (migration 0006). */
  enterprise: string;
}

export interface HuntCursorTable {
  hunt_group_id: number;
  subscriber_id: string;
  updated_at: string;
}

export interface MemberUsageTable {
  subscriber_id: string;
  count: number;
  updated_at: string;
}

/** One row: bumped by every committed write, read by the routing snapshot to know it is current. */
export interface DataVersionTable {
  id: number;
  version: number;
}

/** A bulk registration upload (一括登録): the checked file's bytes and where its apply stands. */
export interface ImportTable {
  id: Generated<number>;
  enterprise_id: string;
  kind: string;
  file_name: string;
  sha256: string;
  status: string;
  rows: number;
  errors: string;
  content: Uint8Array;
  uploaded_by: string;
  uploaded_at: string;
  applied_at: string | null;
  version: number;
}

/** A shared phonebook (共通電話帳): its entries and warnings as JSON text. */
export interface PhonebookTable {
  id: Generated<number>;
  enterprise_id: string;
  no: number;
  name: string;
  file_name: string;
  format: string;
  entries: string;
  entry_count: number;
  warnings: string;
  warning_count: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PhonebookMemberTable {
  phonebook_id: number;
  subscriber_id: string;
}

export interface Schema {
  operators: OperatorTable;
  enterprises: EnterpriseTable;
  subscribers: SubscriberTable;
  admin_groups: AdminGroupTable;
  admin_group_members: AdminGroupMemberTable;
  accounts: AccountTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  api_tokens: ApiTokenTable;
  notices: NoticeTable;
  audit_events: AuditEventTable;
  extension_groups: ExtensionGroupTable;
  schedules: ScheduleTable;
  pickup_groups: PickupGroupTable;
  hunt_groups: HuntGroupTable;
  forward_destinations: ForwardDestinationTable;
  subscriber_search: SubscriberSearchTable;
  hunt_cursors: HuntCursorTable;
  member_usage: MemberUsageTable;
  data_version: DataVersionTable;
  imports: ImportTable;
  phonebooks: PhonebookTable;
  phonebook_members: PhonebookMemberTable;
}
