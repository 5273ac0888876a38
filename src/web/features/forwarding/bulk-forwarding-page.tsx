// 着信転送一括設定 (features.md §5, M1 5-2): operators choose the enterprise, then 表示; every
// subscriber is listed (a page at a time) with three rows 不応答時転送 / 話中時転送 / 無条件転送, each
// a checkbox and a pull-down of the 転送先番号リスト. 登録 sends every changed row, on every page, in
// one atomic bulk PUT; forwarding is in force at once.
import { UnorderedListOutlined } from "@ant-design/icons";
import { useMutation, useQueries, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Checkbox, Flex, Pagination, Select, Spin, Table, Typography, type TableProps } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { api, unwrap, type ApiError } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { useErrorText } from "../../app/error-text";
import { useAccount } from "../../app/session";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { useEnterprisePlan } from "../subscribers/enterprise-plan";
import { useText } from "../subscribers/i18n";
import { bulkPageSizes, defaultListParams, useListParams, type ListParams } from "../subscribers/list-params";
import { usePagination, useResultSummary } from "../subscribers/list-table";
import { bulkRowErrors, catalogueError } from "../subscribers/local-errors";
import { paths } from "../subscribers/paths";
import { fetchForwarding, invalidateSubscribers, subscriberKeys, useForwardDestinations, useSubscriberList } from "../subscribers/queries";
import { SubscriberSearchBar } from "../subscribers/search-bar";
import type { BulkForwardingRow, ForwardingAnswer, SubscriberRow } from "../subscribers/types";

type ForwardType = "noAnswer" | "busy" | "unconditional";
const forwardTypes: readonly ForwardType[] = ["noAnswer", "busy", "unconditional"];

interface Setting {
  enabled: boolean;
  /** As the list has it: without the extension-group prefix. */
  destination: string;
}

/** One edited subscriber: its group membership and the types changed. */
interface Draft {
  member: boolean;
  types: Partial<Record<ForwardType, Setting>>;
}

// Three table rows a subscriber: fewer subscribers a page than the other lists.
const bulkDefaults: ListParams = { ...defaultListParams, limit: 20 };

/** An extension-group member's external destinations carry the prefix 0 (features.md §4). */
function fromStored(destination: string, member: boolean): string {
  return member && /^0[0+]/.test(destination) ? destination.slice(1) : destination;
}

function toStored(destination: string, member: boolean): string {
  return member && destination !== "" ? `0${destination}` : destination;
}

interface TableRow {
  key: string;
  subscriber: SubscriberRow;
  type: ForwardType;
  first: boolean;
}

export function BulkForwardingPage() {
  const tx = useText();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const account = useAccount();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const scope = useEnterpriseScope();
  const eid = scope.enterpriseId;
  const plan = useEnterprisePlan(eid);
  const [params, setParams] = useListParams(bulkDefaults);
  const list = useSubscriberList(eid, params);
  const subscribers = list.data?.items ?? [];
  const destinations = useForwardDestinations(eid);
  const forwarding = useQueries({
    queries: subscribers.map((row) => ({
      queryKey: subscriberKeys.forwarding(eid ?? "", row.id),
      queryFn: () => fetchForwarding(eid ?? "", row.id),
      enabled: eid !== undefined,
    })),
  });
  const stored = new Map<string, ForwardingAnswer>();
  subscribers.forEach((row, i) => {
    const data = forwarding[i]?.data;
    if (data) stored.set(row.id, data);
  });
  const loadError = forwarding.find((f) => f.error)?.error;

  const [drafts, setDrafts] = useState<ReadonlyMap<string, Draft>>(new Map());
  const [localErrors, setLocalErrors] = useState<ReadonlyMap<string, ApiError>>(new Map());
  const [notice, setNotice] = useState<string | null>(null);
  const register = useMutation({
    mutationFn: (body: BulkForwardingRow[]) => unwrap(api.PUT("/api/v1/enterprises/{eid}/forwarding", { params: { path: { eid: eid ?? "" } }, body })),
    onSuccess: (_answer, body) => {
      void message.success(tx("bulkForwarding.registered", { count: body.length }));
      setDrafts(new Map());
      void invalidateSubscribers(queryClient, eid ?? "");
    },
  });
  const serverErrors = bulkRowErrors(register.error);
  const errorOf = new Map<string, ApiError>([...localErrors, ...serverErrors.map((r) => [r.subscriberId, r.error] as const)]);

  const storedSetting = (row: SubscriberRow, type: ForwardType): Setting | undefined => {
    const answer = stored.get(row.id);
    if (!answer) return undefined;
    return { enabled: answer[type].enabled, destination: fromStored(answer[type].destination, row.extensionGroup !== "") };
  };
  const settingOf = (row: SubscriberRow, type: ForwardType): Setting | undefined => drafts.get(row.id)?.types[type] ?? storedSetting(row, type);

  const setSetting = (row: SubscriberRow, type: ForwardType, change: Partial<Setting>) => {
    const current = settingOf(row, type);
    if (!current) return;
    setDrafts((all) => {
      const draft = all.get(row.id) ?? { member: row.extensionGroup !== "", types: {} };
      return new Map(all).set(row.id, { ...draft, types: { ...draft.types, [type]: { ...current, ...change } } });
    });
    setLocalErrors((all) => {
      const next = new Map(all);
      next.delete(row.id);
      return next;
    });
    setNotice(null);
  };

  const submit = async () => {
    const problems = new Map<string, ApiError>();
    const body: BulkForwardingRow[] = [];
    for (const [sid, draft] of drafts) {
      const answer = await queryClient.fetchQuery({
        queryKey: subscriberKeys.forwarding(eid ?? "", sid),
        queryFn: () => fetchForwarding(eid ?? "", sid),
        staleTime: 30_000,
      });
      const row: BulkForwardingRow = { subscriberId: sid };
      for (const type of forwardTypes) {
        const setting = draft.types[type];
        if (!setting) continue;
        const destination = toStored(setting.destination, draft.member);
        const before = answer[type];
        if (before.enabled === setting.enabled && before.destination === destination) continue;
        if (setting.enabled && setting.destination === "") {
          problems.set(sid, catalogueError("8008", `${type}.destination`));
          continue;
        }
        if (type === "noAnswer") row.noAnswer = { enabled: setting.enabled, destination, timerSec: answer.noAnswer.timerSec };
        else row[type] = { enabled: setting.enabled, destination };
      }
      if (row.noAnswer || row.busy || row.unconditional) body.push(row);
    }
    setLocalErrors(problems);
    if (problems.size > 0) return;
    if (body.length === 0) {
      setNotice(tx("common.noChanges"));
      return;
    }
    register.mutate(body);
  };

  const options = (current: Setting | undefined) => {
    const list = (destinations.data ?? []).map((d) => ({ value: d.number, label: d.memo ? `${d.number}  ${d.memo}` : d.number }));
    if (current && current.destination !== "" && !list.some((o) => o.value === current.destination)) {
      list.unshift({ value: current.destination, label: tx("bulkForwarding.current", { number: current.destination }) });
    }
    return list;
  };

  const tableRows: TableRow[] = subscribers.flatMap((subscriber) =>
    forwardTypes.map((type, i) => ({ key: `${subscriber.id}:${type}`, subscriber, type, first: i === 0 })),
  );
  const columns: TableProps<TableRow>["columns"] = [
    {
      title: tx("fields.id"),
      key: "subscriber",
      onCell: (row) => ({ rowSpan: row.first ? forwardTypes.length : 0 }),
      render: (_value, { subscriber }) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{tx("bulkForwarding.subscriber", { id: subscriber.id })}</Typography.Text>
          <Typography.Text>{tx("bulkForwarding.phone", { number: subscriber.number })}</Typography.Text>
          {subscriber.displayName && <Typography.Text type="secondary">{subscriber.displayName}</Typography.Text>}
          {errorOf.has(subscriber.id) && <Typography.Text type="danger">{errorText(errorOf.get(subscriber.id))}</Typography.Text>}
        </Flex>
      ),
    },
    { title: tx("bulkForwarding.type"), key: "type", render: (_value, { type }) => tx(`bulkForwarding.${type}`) },
    {
      title: tx("forwarding.destination"),
      key: "setting",
      render: (_value, { subscriber, type }) => {
        const setting = settingOf(subscriber, type);
        if (!setting) return <Spin size="small" />;
        const name = tx("bulkForwarding.cell", { id: subscriber.id, type: tx(`bulkForwarding.${type}`) });
        return (
          <Flex gap={12} align="center">
            <Checkbox
              aria-label={name}
              checked={setting.enabled}
              disabled={register.isPending}
              onChange={(event) => setSetting(subscriber, type, { enabled: event.target.checked })}
            />
            <Select<string>
              aria-label={tx("bulkForwarding.cellDestination", { name })}
              style={{ width: 320 }}
              placeholder={tx("bulkForwarding.choose")}
              value={setting.destination || undefined}
              allowClear
              disabled={register.isPending}
              options={options(setting)}
              onChange={(destination) => setSetting(subscriber, type, { destination: destination ?? "", ...(destination ? { enabled: true } : {}) })}
            />
          </Flex>
        );
      },
    },
  ];
  const summary = useResultSummary();
  const pagination = usePagination(params, list.data?.total ?? 0, setParams, bulkPageSizes);
  const problems = [...errorOf].map(([sid, error]) => ({ sid, error }));
  const listLink = `${paths.forwardDestinations}?${new URLSearchParams(scope.params())}`;

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {tx("bulkForwarding.heading")}
      </Typography.Title>
      {scope.chooser}
      {eid === undefined ? (
        scope.prompt
      ) : (
        <>
          <Flex justify="space-between" align="center" gap={16} wrap>
            <Typography.Text strong>{tx("enterprise.current", { name: plan.name ?? eid })}</Typography.Text>
            {account.role !== "groupAdmin" && (
              <Button icon={<UnorderedListOutlined aria-hidden />} onClick={() => void navigate(listLink)}>
                {tx("bulkForwarding.destinationList")}
              </Button>
            )}
          </Flex>
          <Typography.Text type="secondary">{tx("bulkForwarding.help")}</Typography.Text>
          <SubscriberSearchBar value={params} onSearch={(criteria) => setParams({ ...criteria, offset: 0 })} />
          <ErrorAlert error={list.error ?? destinations.error ?? loadError} />
          {destinations.data?.length === 0 && <Alert type="warning" showIcon title={tx("bulkForwarding.noList")} />}
          {subscribers.some((row) => row.extensionGroup !== "") && <Typography.Text type="secondary">{tx("bulkForwarding.groupMember")}</Typography.Text>}
          <Typography.Text aria-live="polite">{summary(list.data?.total, params.offset, subscribers.length)}</Typography.Text>
          <Table<TableRow>
            aria-label={tx("bulkForwarding.heading")}
            rowKey="key"
            size="small"
            bordered
            columns={columns}
            dataSource={tableRows}
            loading={list.isFetching}
            locale={{ emptyText: tx("list.empty") }}
            pagination={false}
          />
          <Pagination {...pagination} align="end" />
          <Flex vertical gap={12}>
            {notice && <Alert type="info" showIcon title={notice} closable={{ onClose: () => setNotice(null) }} />}
            {problems.length > 0 ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={tx("bulkForwarding.rowErrors")}
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
                {tx("bulkForwarding.register")}
              </Button>
              <Typography.Text>{tx("bulkForwarding.changed", { count: drafts.size })}</Typography.Text>
              {drafts.size > 0 && <Button onClick={() => setDrafts(new Map())}>{tx("bulkForwarding.discard")}</Button>}
            </Flex>
          </Flex>
        </>
      )}
    </Flex>
  );
}
