// Shapes of the schedule API (features.md §6, api.md), taken from the generated `paths`.
import type { paths } from "../../api/schema";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;

export type ScheduleList = Json<paths["/api/v1/enterprises/{eid}/schedules"]["get"]["responses"][200]>;
export type Schedule = ScheduleList["items"][number];
export type ScheduleBody = NonNullable<paths["/api/v1/enterprises/{eid}/schedules"]["post"]["requestBody"]>["content"]["application/json"];
export type ScheduleRule = ScheduleBody["rules"][number];
export type RuleType = ScheduleRule["type"];
export type RuleAction = ScheduleRule["action"];
export type SchedulePreview = Json<paths["/api/v1/enterprises/{eid}/schedules/{id}/preview"]["get"]["responses"][200]>;
export type PreviewDay = SchedulePreview["days"][number];
export type PreviewHour = PreviewDay["hours"][number];

export const ruleTypes: readonly RuleType[] = ["date", "weekday", "holiday"];
export const ruleActions: readonly RuleAction[] = ["none", "unconditional", "busy", "noAnswer"];
