// 通話シミュレーション (features.md §15, routing.md): what the settings do to a call, step by step
// with the rule behind each step and a link to where it is set; and 週間表示, what a call to a
// number does hour by hour over a week. Enterprise and group administrators work on their
// numbers, operators choose the enterprise, end users see their own number only. Which tab is
// open, and the number and date of the week view, live in the address.
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Card, Flex, Tabs, Typography } from "antd";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { useEnterpriseInfo, useEnterpriseScope } from "../../app/enterprise-scope";
import { ErrorAlert } from "../../app/error-alert";
import { useAccount } from "../../app/session";
import { CallForm, type Moment } from "./call-form";
import { useSimulationTexts } from "./i18n";
import { defaultTimeZone, wallClockAt } from "./local-time";
import { PlanView } from "./plan-view";
import { simulationKeys } from "./subscriber-select";
import type { RouteAnswer, RouteBody } from "./types";
import { WeekView } from "./week-view";

type Tab = "call" | "week";

export function SimulationPage() {
  const text = useSimulationTexts();
  const scope = useEnterpriseScope();
  const enterpriseId = scope.enterpriseId;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200 }}>
      <Typography.Title level={2} style={{ marginTop: 0, marginBottom: 0 }}>
        {text("heading")}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {text("intro")}
      </Typography.Paragraph>
      {scope.chooser}
      {scope.prompt}
      {enterpriseId !== undefined && <Simulation key={enterpriseId} enterpriseId={enterpriseId} params={scope.params} />}
    </Flex>
  );
}

function Simulation({ enterpriseId, params }: { enterpriseId: string; params: (extra?: Record<string, string>) => Record<string, string> }) {
  const text = useSimulationTexts();
  const account = useAccount();
  const [search, setSearch] = useSearchParams();
  const enterprise = useEnterpriseInfo(enterpriseId);
  const timeZone = enterprise.data?.timeZone || defaultTimeZone;
  const administrator = account.role === "operator" || account.role === "enterpriseAdmin";

  // Hunt pilots are marked in the pull-downs (the hunt groups are the administrators' to read).
  const huntGroups = useQuery({
    queryKey: simulationKeys.huntGroups(enterpriseId),
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/hunt-groups", { params: { path: { eid: enterpriseId }, query: { limit: 500 } } })),
    enabled: administrator,
    staleTime: 60_000,
  });
  const pilots = useMemo(() => new Map((huntGroups.data?.items ?? []).map((group) => [group.pilotSubscriberId, group.name])), [huntGroups.data]);

  // An end user's own number.
  const ownId = account.role === "subscriber" ? account.subscriberId : undefined;
  const ownRow = useQuery({
    queryKey: ["subscribers", enterpriseId, "simulationOwn", ownId ?? ""],
    queryFn: () =>
      unwrap(api.GET("/api/v1/enterprises/{eid}/subscribers", { params: { path: { eid: enterpriseId }, query: { field: "id", match: "exact", q: ownId ?? "", limit: 1 } } })),
    enabled: ownId !== undefined,
  });
  const ownItem = ownRow.data?.items.find((item) => item.id === ownId);
  const own = useMemo(() => (ownItem === undefined ? undefined : { id: ownItem.id, number: ownItem.number }), [ownItem]);

  const [result, setResult] = useState<{ answer: RouteAnswer; moment: Moment } | undefined>(undefined);
  const simulate = useMutation({
    mutationFn: async ({ body }: { body: RouteBody; moment: Moment }) => unwrap(api.POST("/api/v1/route", { body })),
    onMutate: () => setResult(undefined),
    onSuccess: (answer, { moment }) => setResult({ answer, moment }),
  });

  const tab: Tab = search.get("tab") === "week" ? "week" : "call";
  // The week view's number and date: kept here (the address follows them, for a reload or a link).
  const [week, setWeek] = useState<{ number?: string | undefined; from?: string | undefined }>(() => ({
    number: search.get("number") ?? undefined,
    from: search.get("from") ?? undefined,
  }));
  const weekNumber = week.number ?? own?.number;
  const weekFrom = week.from ?? wallClockAt(new Date(), timeZone).date;
  const weekParams = (view: typeof week): Record<string, string> => ({
    tab: "week",
    ...(view.number ? { number: view.number } : {}),
    ...(view.from ? { from: view.from } : {}),
  });
  const open = (next: Record<string, string>) => setSearch(params(next), { replace: true });
  const changeWeek = (next: typeof week) => {
    const merged = { ...week, ...next };
    setWeek(merged);
    open(weekParams(merged));
  };

  return (
    <Tabs
      activeKey={tab}
      onChange={(key) => open(key === "week" ? weekParams(week) : {})}
      items={[
        {
          key: "call",
          label: text("tabs.call"),
          children: (
            <Flex vertical gap={16}>
              <Card title={text("form.title")} size="small">
                <Alert type="info" showIcon title={text("noChange")} style={{ marginBottom: 16 }} />
                <CallForm
                  enterpriseId={enterpriseId}
                  timeZone={timeZone}
                  pilots={pilots}
                  own={own}
                  pending={simulate.isPending}
                  onRun={(body, moment) => simulate.mutate({ body, moment })}
                />
              </Card>
              <Card title={text("result.title")} size="small">
                <ErrorAlert error={simulate.error} />
                {result ? (
                  <PlanView
                    answer={result.answer}
                    enterpriseId={enterpriseId}
                    when={text("result.when", { date: result.moment.date, time: result.moment.time, zone: result.moment.timeZone })}
                  />
                ) : (
                  !simulate.isError && <Typography.Text type="secondary">{text("result.empty")}</Typography.Text>
                )}
              </Card>
            </Flex>
          ),
        },
        {
          key: "week",
          label: text("tabs.week"),
          children: (
            <WeekView
              enterpriseId={enterpriseId}
              number={weekNumber}
              from={weekFrom}
              pilots={pilots}
              onChange={changeWeek}
            />
          ),
        },
      ]}
    />
  );
}
