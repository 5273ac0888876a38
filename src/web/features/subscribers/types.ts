// Shapes of the subscriber, call-settings and forwarding answers, taken from the generated `paths`.
import type { paths } from "../../api/schema";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;
type RequestJson<T> = T extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;

type SubscribersPath = paths["/api/v1/enterprises/{eid}/subscribers"]["get"];
type SubscriberPath = paths["/api/v1/enterprises/{eid}/subscribers/{sid}"];
type CallSettingsPath = paths["/api/v1/enterprises/{eid}/subscribers/{sid}/call-settings"];
type ForwardingPath = paths["/api/v1/enterprises/{eid}/subscribers/{sid}/forwarding"];

export type SubscriberList = Json<SubscribersPath["responses"][200]>;
export type SubscriberRow = SubscriberList["items"][number];
export type SubscriberListQuery = NonNullable<SubscribersPath["parameters"]["query"]>;
export type SearchField = NonNullable<SubscriberListQuery["field"]>;
export type MatchMode = NonNullable<SubscriberListQuery["match"]>;
export type SortKey = NonNullable<SubscriberListQuery["sort"]>;
export type SortOrder = NonNullable<SubscriberListQuery["order"]>;

export type SubscriberDetail = Json<SubscriberPath["get"]["responses"][200]>;
export type SubscriberPatch = RequestJson<SubscriberPath["patch"]>;

export type CallSettingsAnswer = Json<CallSettingsPath["get"]["responses"][200]>;
export type CallSettingKey = keyof CallSettingsAnswer["selfService"];
export type CallSettingsValues = Record<CallSettingKey, boolean>;
export type BulkCallSettingsRow = RequestJson<paths["/api/v1/enterprises/{eid}/call-settings"]["put"]>[number];

export type ForwardingAnswer = Json<ForwardingPath["get"]["responses"][200]>;
export type ForwardingValues = Omit<ForwardingAnswer, "version" | "services">;
export type EnterpriseServices = ForwardingAnswer["services"];
export type VoicemailCondition = ForwardingValues["voicemail"]["condition"];
export type BulkForwardingRow = RequestJson<paths["/api/v1/enterprises/{eid}/forwarding"]["put"]>[number];

export type ForwardDestination = Json<paths["/api/v1/enterprises/{eid}/forward-destinations"]["get"]["responses"][200]>[number];

export type ScheduleList = Json<paths["/api/v1/enterprises/{eid}/schedules"]["get"]["responses"][200]>;
