// 留守番電話・転送設定 in bulk (features.md §4, M2 ch.3 一括設定): the numbers with their simple view
// (オフ | 留守番電話 | 転送, condition, 呼び出し秒数, destination). Check numbers and set each row, or
// fill every checked number with 一括入力; 登録 sends one atomic bulk PUT …/forwarding. A number whose
// settings the simple view can't show is not offered here: it links to its detailed view instead.
import { useMutation, useQueries, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Flex, Input, InputNumber, Select, Spin, Table, Typography, type TableProps } from "antd";
import { useState, type ReactNode } from "react";
import { Link, useLocation } from "react-router";
import { api, unwrap, type ApiError } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { useErrorText } from "../../app/error-text";
import { useAccount } from "../../app/session";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { useEnterprisePlan } from "../subscribers/enterprise-plan";
import { useText } from "../subscribers/i18n";
import { bulkPageSizes, useListParams } from "../subscribers/list-params";
import { sortChange, sortOrderOf, usePagination, useResultSummary } from "../subscribers/list-table";
import { bulkRowErrors, catalogueError } from "../subscribers/local-errors";
import { subscriberDetailHref } from "../subscribers/paths";
import { fetchForwarding, invalidateSubscribers, subscriberKeys, useSubscriberList } from "../subscribers/queries";
import { SubscriberSearchBar } from "../subscribers/search-bar";
import type { BulkForwardingRow, ForwardingAnswer, SortKey, SubscriberRow, VoicemailCondition } from "../subscribers/types";
import { fromSimpleView, toSimpleView, type SimpleMode, type SimpleView } from "../../../domain/forwarding/forwarding.ts";
import { conditionKey, voicemailConditions } from "./detailed-form";
import { compactNumber, destinationProblem } from "./destination-check";
import { forwardingValues } from "./save-forwarding";
import { modeKey, ringsFirst, simpleModes } from "./simple-form";

const sortable: readonly SortKey[] = ["id", "number", "extension", "displayName"];

/** What 一括入力 fills in: only the parts chosen. */
interface BulkInput {
  mode?: SimpleMode;
  condition?: VoicemailCondition;
  ringSec?: number | null;
  destination?: string;
}

/** The refusal of a row before sending, as the server would answer it. */
function rowProblem(view: SimpleView, inExtensionGroup: boolean): ApiError | undefined {
  if (view.mode === "off") return undefined;
  if (ringsFirst(view.condition) && !(Number.isInteger(view.ringSec) && view.ringSec >= 1 && view.ringSec <= 180)) {
    return catalogueError("8103", "noAnswer.timerSec");
  }
  if (view.mode !== "forward") return undefined;
  if (compactNumber(view.destination) === "") return catalogueError("8008", "destination");
  return destinationProblem(view.destination, "destination", inExtensionGroup);
}

function sameView(a: SimpleView, b: SimpleView): boolean {
  if (a.mode !== b.mode) return false;
  if (a.mode === "off") return true;
  if (a.condition !== b.condition) return false;
  if (ringsFirst(a.condition) && a.ringSec !== b.ringSec) return false;
  return a.mode !== "forward" || compactNumber(a.destination) === compactNumber(b.destination);
}

export function VoicemailForwardingPage() {
  const tx = useText();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const account = useAccount();
  const location = useLocation();
  const queryClient = useQueryClient();
  const scope = useEnterpriseScope();
  const eid = scope.enterpriseId;
  const plan = useEnterprisePlan(eid);
  const [params, setParams] = useListParams();
  const list = useSubscriberList(eid, params);
  const rows = list.data?.items ?? [];
  const forwarding = useQueries({
    queries: rows.map((row) => ({
      queryKey: subscriberKeys.forwarding(eid ?? "", row.id),
      queryFn: () => fetchForwarding(eid ?? "", row.id),
      enabled: eid !== undefined,
    })),
  });
  const stored = new Map<string, ForwardingAnswer>();
  rows.forEach((row, i) => {
    const data = forwarding[i]?.data;
    if (data) stored.set(row.id, data);
  });
  const loadError = forwarding.find((f) => f.error)?.error;
  const voicemailContract = plan.services?.voicemail !== false;

  const [checked, setChecked] = useState<string[]>([]);
  const [drafts, setDrafts] = useState<ReadonlyMap<string, SimpleView>>(new Map());
  // Group membership of the checked numbers (the prefix rule of their destinations).
  const [members, setMembers] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [bulk, setBulk] = useState<BulkInput>({});
  const [localErrors, setLocalErrors] = useState<ReadonlyMap<string, ApiError>>(new Map());
  const [notice, setNotice] = useState<string | null>(null);

  const register = useMutation({
    mutationFn: (body: BulkForwardingRow[]) => unwrap(api.PUT("/api/v1/enterprises/{eid}/forwarding", { params: { path: { eid: eid ?? "" } }, body })),
    onSuccess: (_answer, body) => {
      void message.success(tx("bulkSimple.registered", { count: body.length }));
      setChecked([]);
      setDrafts(new Map());
      void invalidateSubscribers(queryClient, eid ?? "");
    },
  });
  const serverErrors = bulkRowErrors(register.error);
  const errorOf = new Map<string, ApiError>([...localErrors, ...serverErrors.map((r) => [r.subscriberId, r.error] as const)]);

  const viewOf = (sid: string): SimpleView | undefined => {
    const draft = drafts.get(sid);
    if (draft) return draft;
    const answer = stored.get(sid);
    return answer ? toSimpleView(forwardingValues(answer)) : undefined;
  };

  const check = (row: SubscriberRow) => {
    setChecked((current) => (current.includes(row.id) ? current : [...current, row.id]));
    setMembers((current) => new Map(current).set(row.id, row.extensionGroup !== ""));
  };

  const setRow = (row: SubscriberRow, change: Partial<SimpleView>) => {
    const view = viewOf(row.id);
    if (!view) return;
    setDrafts((current) => new Map(current).set(row.id, { ...view, ...change }));
    check(row);
    setLocalErrors((current) => {
      const next = new Map(current);
      next.delete(row.id);
      return next;
    });
    setNotice(null);
  };

  const onChecked = (keys: string[], selectedRows: SubscriberRow[]) => {
    setDrafts((current) => new Map([...current].filter(([sid]) => keys.includes(sid))));
    setMembers((current) => {
      const next = new Map([...current].filter(([sid]) => keys.includes(sid)));
      for (const row of selectedRows) if (row) next.set(row.id, row.extensionGroup !== "");
      return next;
    });
    setChecked(keys);
    setNotice(null);
  };

  /** 一括入力: fills every checked number whose settings the simple view can show. */
  const fillChecked = () => {
    let skipped = 0;
    setDrafts((current) => {
      const next = new Map(current);
      for (const sid of checked) {
        // Numbers checked on other pages: their settings are still in the query cache.
        const answer = stored.get(sid) ?? queryClient.getQueryData<ForwardingAnswer>(subscriberKeys.forwarding(eid ?? "", sid));
        const base = next.get(sid) ?? (answer ? toSimpleView(forwardingValues(answer)) : undefined);
        if (!base) {
          skipped += 1;
          continue;
        }
        next.set(sid, {
          mode: bulk.mode ?? base.mode,
          condition: bulk.condition ?? base.condition,
          ringSec: bulk.ringSec ?? base.ringSec,
          destination: bulk.destination !== undefined && bulk.destination !== "" ? bulk.destination : base.destination,
        });
      }
      return next;
    });
    setLocalErrors(new Map());
    setNotice(checked.length === 0 ? tx("bulkSimple.nothingChecked") : skipped > 0 ? tx("bulkSimple.notApplied") : null);
  };

  const submit = async () => {
    if (checked.length === 0) {
      setNotice(tx("bulkSimple.nothingChecked"));
      return;
    }
    const problems = new Map<string, ApiError>();
    const body: BulkForwardingRow[] = [];
    for (const sid of checked) {
      const draft = drafts.get(sid);
      if (!draft) continue;
      // The stored settings the choice applies to (the parts it doesn't set are kept).
      const answer = await queryClient.fetchQuery({
        queryKey: subscriberKeys.forwarding(eid ?? "", sid),
        queryFn: () => fetchForwarding(eid ?? "", sid),
        staleTime: 30_000,
      });
      const before = forwardingValues(answer);
      const current = toSimpleView(before);
      if (current && sameView(current, draft)) continue;
      const problem = rowProblem(draft, members.get(sid) ?? false);
      if (problem) {
        problems.set(sid, problem);
        continue;
      }
      const next = fromSimpleView(before, { ...draft, destination: compactNumber(draft.destination) });
      body.push({ subscriberId: sid, unconditional: next.unconditional, busy: next.busy, noAnswer: next.noAnswer, voicemail: next.voicemail });
    }
    setLocalErrors(problems);
    if (problems.size > 0) return;
    if (body.length === 0) {
      setNotice(tx("common.noChanges"));
      return;
    }
    register.mutate(body);
  };

  const cell = (row: SubscriberRow, render: (view: SimpleView) => ReactNode) => {
    const answer = stored.get(row.id);
    if (!answer) return <Spin size="small" />;
    const view = viewOf(row.id);
    if (!view) return null;
    return render(view);
  };

  const summary = useResultSummary();
  const pagination = usePagination(params, list.data?.total ?? 0, setParams, bulkPageSizes);
  const columns: TableProps<SubscriberRow>["columns"] = [
    { title: tx("fields.number"), dataIndex: "number", key: "number", sorter: true, sortOrder: sortOrderOf(params, "number") },
    { title: tx("fields.extension"), dataIndex: "extension", key: "extension", sorter: true, sortOrder: sortOrderOf(params, "extension") },
    { title: tx("fields.id"), dataIndex: "id", key: "id", sorter: true, sortOrder: sortOrderOf(params, "id") },
    { title: tx("fields.displayName"), dataIndex: "displayName", key: "displayName", sorter: true, sortOrder: sortOrderOf(params, "displayName") },
    {
      title: tx("forwarding.mode"),
      key: "mode",
      render: (_value, row) => {
        const answer = stored.get(row.id);
        if (answer && !viewOf(row.id)) {
          return (
            <Flex vertical gap={2}>
              <Typography.Text type="secondary">{tx("bulkSimple.detailedOnly")}</Typography.Text>
              <Link to={subscriberDetailHref(account.role, eid ?? "", row.id, { tab: "forwarding", view: "detailed", search: location.search })}>
                {tx("bulkSimple.openDetail")}
              </Link>
            </Flex>
          );
        }
        return cell(row, (view) => (
          <Select<SimpleMode>
            aria-label={`${row.id} ${tx("forwarding.mode")}`}
            style={{ width: 140 }}
            value={view.mode}
            disabled={register.isPending}
            options={simpleModes.map((m) => ({ value: m, label: tx(modeKey[m]), disabled: m === "voicemail" && !voicemailContract && view.mode !== "voicemail" }))}
            onChange={(mode) => setRow(row, { mode })}
          />
        ));
      },
    },
    {
      title: tx("forwarding.condition"),
      key: "condition",
      render: (_value, row) =>
        cell(row, (view) => (
          <Select<VoicemailCondition>
            aria-label={`${row.id} ${tx("forwarding.condition")}`}
            style={{ width: 190 }}
            value={view.condition}
            disabled={view.mode === "off" || register.isPending}
            options={voicemailConditions.map((c) => ({ value: c, label: tx(conditionKey[c]) }))}
            onChange={(condition) => setRow(row, { condition })}
          />
        )),
    },
    {
      title: tx("forwarding.ringSec"),
      key: "ringSec",
      render: (_value, row) =>
        cell(row, (view) => (
          <InputNumber
            aria-label={`${row.id} ${tx("forwarding.ringSec")}`}
            style={{ width: 90 }}
            min={1}
            max={180}
            precision={0}
            value={view.ringSec}
            disabled={view.mode === "off" || !ringsFirst(view.condition) || register.isPending}
            onChange={(ringSec) => setRow(row, { ringSec: ringSec ?? view.ringSec })}
          />
        )),
    },
    {
      title: tx("forwarding.destination"),
      key: "destination",
      render: (_value, row) =>
        cell(row, (view) => (
          <Input
            aria-label={`${row.id} ${tx("forwarding.destination")}`}
            style={{ width: 170 }}
            inputMode="tel"
            maxLength={32}
            value={view.mode === "forward" ? view.destination : ""}
            disabled={view.mode !== "forward" || register.isPending}
            onChange={(event) => setRow(row, { destination: event.target.value })}
          />
        )),
    },
    ...(errorOf.size > 0
      ? [
          {
            title: "",
            key: "error",
            render: (_value: unknown, row: SubscriberRow) => {
              const error = errorOf.get(row.id);
              return error ? <Typography.Text type="danger">{errorText(error)}</Typography.Text> : null;
            },
          },
        ]
      : []),
  ];

  const problems = [...errorOf].map(([sid, error]) => ({ sid, error }));
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {tx("bulkSimple.heading")}
      </Typography.Title>
      {scope.chooser}
      {eid === undefined ? (
        scope.prompt
      ) : (
        <>
          <Typography.Text type="secondary">{tx("bulkSimple.help")}</Typography.Text>
          <SubscriberSearchBar value={params} onSearch={(criteria) => setParams({ ...criteria, offset: 0 })} />
          <ErrorAlert error={list.error ?? loadError} />
          <Card size="small" title={tx("bulkSimple.bulkInput")}>
            <Flex gap={12} wrap align="center" role="group" aria-label={tx("bulkSimple.bulkInput")}>
              <Select<SimpleMode>
                aria-label={`${tx("bulkSimple.bulkInput")} ${tx("forwarding.mode")}`}
                placeholder={tx("forwarding.mode")}
                style={{ width: 140 }}
                allowClear
                value={bulk.mode}
                options={simpleModes.map((m) => ({ value: m, label: tx(modeKey[m]), disabled: m === "voicemail" && !voicemailContract }))}
                onChange={(mode) => setBulk((current) => ({ ...current, mode }))}
              />
              <Select<VoicemailCondition>
                aria-label={`${tx("bulkSimple.bulkInput")} ${tx("forwarding.condition")}`}
                placeholder={tx("forwarding.condition")}
                style={{ width: 190 }}
                allowClear
                value={bulk.condition}
                options={voicemailConditions.map((c) => ({ value: c, label: tx(conditionKey[c]) }))}
                onChange={(condition) => setBulk((current) => ({ ...current, condition }))}
              />
              <InputNumber
                aria-label={`${tx("bulkSimple.bulkInput")} ${tx("forwarding.ringSec")}`}
                placeholder={tx("forwarding.ringSec")}
                style={{ width: 130 }}
                min={1}
                max={180}
                precision={0}
                value={bulk.ringSec ?? null}
                onChange={(ringSec) => setBulk((current) => ({ ...current, ringSec }))}
              />
              <Input
                aria-label={`${tx("bulkSimple.bulkInput")} ${tx("forwarding.destination")}`}
                placeholder={tx("forwarding.destination")}
                style={{ width: 170 }}
                inputMode="tel"
                maxLength={32}
                value={bulk.destination ?? ""}
                onChange={(event) => setBulk((current) => ({ ...current, destination: event.target.value }))}
              />
              <Button onClick={fillChecked} disabled={register.isPending}>
                {tx("bulkSimple.applyToChecked")}
              </Button>
            </Flex>
          </Card>
          <Typography.Text aria-live="polite">{summary(list.data?.total, params.offset, rows.length)}</Typography.Text>
          <Table<SubscriberRow>
            aria-label={tx("bulkSimple.heading")}
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={list.isFetching}
            scroll={{ x: "max-content" }}
            sortDirections={["ascend", "descend"]}
            locale={{ emptyText: tx("list.empty") }}
            rowSelection={{
              selectedRowKeys: checked,
              preserveSelectedRowKeys: true,
              onChange: (keys, selectedRows) => onChecked(keys.map(String), selectedRows),
              getCheckboxProps: (row) => ({
                "aria-label": tx("list.selectRow", { id: row.id }),
                disabled: stored.has(row.id) && viewOf(row.id) === undefined,
              }),
            }}
            onChange={(_pagination, _filters, sorter, extra) => {
              if (extra.action !== "sort") return;
              const change = sortChange(sorter, sortable);
              if (change) setParams(change);
            }}
            pagination={pagination}
          />
          <Flex vertical gap={12}>
            {notice && <Alert type="info" showIcon title={notice} closable={{ onClose: () => setNotice(null) }} />}
            {problems.length > 0 ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={tx("bulkSimple.rowErrors")}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {problems.map(({ sid, error }) => (
                      <li key={sid}>
                        {sid}: {errorText(error)}
                      </li>
                    ))}
                  </ul>
                }
              />
            ) : (
              <ErrorAlert error={register.error} />
            )}
            <Flex gap={12} align="center">
              <Button type="primary" onClick={() => void submit()} loading={register.isPending}>
                {tx("bulkSimple.register")}
              </Button>
              <Typography.Text>{tx("common.checked", { count: checked.length })}</Typography.Text>
              {checked.length > 0 && <Button onClick={() => onChecked([], [])}>{tx("common.uncheckAll")}</Button>}
            </Flex>
          </Flex>
        </>
      )}
    </Flex>
  );
}
