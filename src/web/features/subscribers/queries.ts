// The data of the subscriber screens: query keys and fetchers over the enterprise-scoped API.
// Every key starts with "subscribers" and the enterprise, so one invalidation refreshes the
// list, the detail and the settings of the numbers after a change.
import { keepPreviousData, useQuery, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { ListParams } from "./list-params";
import type { CallSettingsAnswer, ForwardDestination, ForwardingAnswer, ScheduleList, SubscriberDetail, SubscriberList } from "./types";

export const subscriberKeys = {
  enterprise: (eid: string) => ["subscribers", eid] as const,
  list: (eid: string, params: ListParams) => ["subscribers", eid, "list", params] as const,
  number: (eid: string, sid: string) => ["subscribers", eid, "number", sid] as const,
  detail: (eid: string, sid: string) => ["subscribers", eid, "number", sid, "detail"] as const,
  row: (eid: string, sid: string) => ["subscribers", eid, "number", sid, "row"] as const,
  callSettings: (eid: string, sid: string) => ["subscribers", eid, "number", sid, "callSettings"] as const,
  forwarding: (eid: string, sid: string) => ["subscribers", eid, "number", sid, "forwarding"] as const,
  destinations: (eid: string) => ["forwardDestinations", eid] as const,
  // Under the schedules screen's prefix, so its changes refresh the pull-down too.
  schedulePulldown: (eid: string) => ["schedules", eid, "pulldown"] as const,
};

/** The list query of api.md: only what is set is sent. */
export function listQuery(params: ListParams) {
  return {
    field: params.field,
    match: params.match,
    ...(params.q ? { q: params.q } : {}),
    sort: params.sort,
    order: params.order,
    offset: params.offset,
    limit: params.limit,
  };
}

export function fetchSubscriberList(eid: string, params: ListParams): Promise<SubscriberList> {
  return unwrap(api.GET("/api/v1/enterprises/{eid}/subscribers", { params: { path: { eid }, query: listQuery(params) } }));
}

/** One page of the search; the previous page stays on screen while the next one loads. */
export function useSubscriberList(eid: string | undefined, params: ListParams) {
  return useQuery({
    queryKey: subscriberKeys.list(eid ?? "", params),
    queryFn: () => fetchSubscriberList(eid ?? "", params),
    enabled: eid !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function fetchCallSettings(eid: string, sid: string): Promise<CallSettingsAnswer> {
  return unwrap(api.GET("/api/v1/enterprises/{eid}/subscribers/{sid}/call-settings", { params: { path: { eid, sid } } }));
}

export function fetchForwarding(eid: string, sid: string): Promise<ForwardingAnswer> {
  return unwrap(api.GET("/api/v1/enterprises/{eid}/subscribers/{sid}/forwarding", { params: { path: { eid, sid } } }));
}

export function fetchDetail(eid: string, sid: string): Promise<SubscriberDetail> {
  return unwrap(api.GET("/api/v1/enterprises/{eid}/subscribers/{sid}", { params: { path: { eid, sid } } }));
}

export function useForwardDestinations(eid: string | undefined) {
  return useQuery({
    queryKey: subscriberKeys.destinations(eid ?? ""),
    queryFn: (): Promise<ForwardDestination[]> =>
      unwrap(api.GET("/api/v1/enterprises/{eid}/forward-destinations", { params: { path: { eid: eid ?? "" } } })),
    enabled: eid !== undefined,
  });
}

/** Every schedule of the enterprise, for the スケジュール転送 pull-down (names sorted). */
export function useSchedulePulldown(eid: string, enabled: boolean) {
  return useQuery({
    queryKey: subscriberKeys.schedulePulldown(eid),
    queryFn: (): Promise<ScheduleList> =>
      unwrap(api.GET("/api/v1/enterprises/{eid}/schedules", { params: { path: { eid }, query: { sort: "name", order: "asc", limit: 500 } } })),
    enabled,
  });
}

/** After a change to numbers of `eid`: lists, details and settings are read again. */
export function invalidateSubscribers(queryClient: QueryClient, eid: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: subscriberKeys.enterprise(eid) });
}

/** The If-Match header of a versioned resource (api.md §Optimistic concurrency). */
export function ifMatch(version: number): { "If-Match": string } {
  return { "If-Match": `"${version}"` };
}
