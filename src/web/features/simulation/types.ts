// Shapes of the routing API (api.md, routing.md), taken from the generated `paths`.
import type { paths } from "../../api/schema";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;

export type RouteBody = NonNullable<paths["/api/v1/route"]["post"]["requestBody"]>["content"]["application/json"];
export type RouteCall = RouteBody["call"];
export type RouteState = NonNullable<RouteBody["state"]>;
export type RouteAnswer = Json<paths["/api/v1/route"]["post"]["responses"][200]>;
export type Plan = RouteAnswer["plan"];
export type Step = Plan["steps"][number];
export type Explanation = RouteAnswer["explain"][number];
export type SettingLink = NonNullable<Explanation["link"]>;

export type WeekView = Json<paths["/api/v1/route/week"]["get"]["responses"][200]>;
export type WeekDay = WeekView["days"][number];
export type WeekHour = WeekDay["hours"][number];

export type SubscriberList = Json<paths["/api/v1/enterprises/{eid}/subscribers"]["get"]["responses"][200]>;
export type SubscriberRow = SubscriberList["items"][number];
