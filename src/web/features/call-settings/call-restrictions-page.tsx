// 発着信規制 (features.md §3, M2 ch.8): the numbers with a checkbox per setting. Check the numbers
// to change and set their settings; a header checkbox sets that column for every checked number
// (also those checked on other pages). 変更 applies all checked numbers atomically; a refusal names
// every failing number (error.details.rows) and changes none.
import { useMutation, useQueries, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Checkbox, Flex, Spin, Table, Tag, Tooltip, Typography, type TableProps } from "antd";
import { useState } from "react";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { useErrorText } from "../../app/error-text";
import { useAccount } from "../../app/session";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { useEnterprisePlan } from "../subscribers/enterprise-plan";
import { useText } from "../subscribers/i18n";
import { bulkPageSizes, useListParams } from "../subscribers/list-params";
import { sortChange, sortOrderOf, usePagination, useResultSummary } from "../subscribers/list-table";
import { bulkRowErrors } from "../subscribers/local-errors";
import { fetchCallSettings, invalidateSubscribers, subscriberKeys, useSubscriberList } from "../subscribers/queries";
import { SubscriberSearchBar } from "../subscribers/search-bar";
import type { BulkCallSettingsRow, CallSettingKey, CallSettingsValues, SortKey, SubscriberRow } from "../subscribers/types";
import { callSettingKeys, isLocked } from "./settings";

type Patch = Partial<CallSettingsValues>;
const sortable: readonly SortKey[] = ["id", "number", "extension", "displayName"];

export function CallRestrictionsPage() {
  const tx = useText();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const account = useAccount();
  const queryClient = useQueryClient();
  const scope = useEnterpriseScope();
  const eid = scope.enterpriseId;
  const plan = useEnterprisePlan(eid);
  const [params, setParams] = useListParams();
  const list = useSubscriberList(eid, params);
  const rows = list.data?.items ?? [];
  const settings = useQueries({
    queries: rows.map((row) => ({
      queryKey: subscriberKeys.callSettings(eid ?? "", row.id),
      queryFn: () => fetchCallSettings(eid ?? "", row.id),
      enabled: eid !== undefined,
    })),
  });
  const stored = new Map<string, CallSettingsValues>();
  rows.forEach((row, i) => {
    const data = settings[i]?.data;
    if (data) stored.set(row.id, data);
  });
  const selfService = plan.selfService ?? settings.find((s) => s.data)?.data?.selfService;

  // The checked numbers and what is being set on them (kept across pages until 変更).
  const [checked, setChecked] = useState<string[]>([]);
  const [patches, setPatches] = useState<ReadonlyMap<string, Patch>>(new Map());

  const apply = useMutation({
    mutationFn: (body: BulkCallSettingsRow[]) =>
      unwrap(api.PUT("/api/v1/enterprises/{eid}/call-settings", { params: { path: { eid: eid ?? "" } }, body })),
    onSuccess: (_answer, body) => {
      void message.success(tx("restrictions.applied", { count: body.length }));
      setChecked([]);
      setPatches(new Map());
      void invalidateSubscribers(queryClient, eid ?? "");
    },
  });
  const rowErrors = bulkRowErrors(apply.error);
  const errorOf = new Map(rowErrors.map((r) => [r.subscriberId, r.error]));
  const [notice, setNotice] = useState<string | null>(null);

  const valueOf = (sid: string, key: CallSettingKey): boolean | undefined => patches.get(sid)?.[key] ?? stored.get(sid)?.[key];
  const locked = (key: CallSettingKey) => isLocked(account.role, selfService, key);

  const setCell = (sid: string, key: CallSettingKey, value: boolean) => {
    setPatches((current) => new Map(current).set(sid, { ...current.get(sid), [key]: value }));
    setChecked((current) => (current.includes(sid) ? current : [...current, sid]));
    setNotice(null);
  };

  const setColumn = (key: CallSettingKey, value: boolean) => {
    setPatches((current) => {
      const next = new Map(current);
      for (const sid of checked) next.set(sid, { ...next.get(sid), [key]: value });
      return next;
    });
    setNotice(null);
  };

  const onChecked = (keys: string[]) => {
    // A number that is unchecked keeps its stored settings.
    setPatches((current) => new Map([...current].filter(([sid]) => keys.includes(sid))));
    setChecked(keys);
    setNotice(null);
  };

  const submit = () => {
    if (checked.length === 0) {
      setNotice(tx("restrictions.nothingChecked"));
      return;
    }
    const body: BulkCallSettingsRow[] = [];
    for (const sid of checked) {
      const patch = patches.get(sid);
      if (!patch) continue;
      const base = stored.get(sid);
      const changed = (Object.keys(patch) as CallSettingKey[]).filter((key) => base === undefined || base[key] !== patch[key]);
      if (changed.length > 0) body.push({ subscriberId: sid, ...Object.fromEntries(changed.map((key) => [key, patch[key]])) });
    }
    if (body.length === 0) {
      setNotice(tx("common.noChanges"));
      return;
    }
    apply.mutate(body);
  };

  const columnHeader = (key: CallSettingKey) => {
    const name = tx(`callSettings.${key}`);
    const values = checked.map((sid) => valueOf(sid, key)).filter((v) => v !== undefined);
    const all = values.length > 0 && values.every(Boolean);
    const some = values.some(Boolean);
    const header = (
      <Checkbox
        aria-label={tx("restrictions.columnAll", { name })}
        checked={all}
        indeterminate={some && !all}
        disabled={checked.length === 0 || locked(key) || apply.isPending}
        onChange={(event) => setColumn(key, event.target.checked)}
      >
        {name}
      </Checkbox>
    );
    return locked(key) ? <Tooltip title={tx("restrictions.lockedColumn", { name })}>{header}</Tooltip> : header;
  };

  const summary = useResultSummary();
  const pagination = usePagination(params, list.data?.total ?? 0, setParams, bulkPageSizes);
  const columns: TableProps<SubscriberRow>["columns"] = [
    { title: tx("fields.number"), dataIndex: "number", key: "number", sorter: true, sortOrder: sortOrderOf(params, "number") },
    { title: tx("fields.extension"), dataIndex: "extension", key: "extension", sorter: true, sortOrder: sortOrderOf(params, "extension") },
    { title: tx("fields.id"), dataIndex: "id", key: "id", sorter: true, sortOrder: sortOrderOf(params, "id") },
    { title: tx("fields.displayName"), dataIndex: "displayName", key: "displayName", sorter: true, sortOrder: sortOrderOf(params, "displayName") },
    ...callSettingKeys.map((key) => ({
      title: columnHeader(key),
      key,
      render: (_value: unknown, row: SubscriberRow) => {
        const value = valueOf(row.id, key);
        if (value === undefined) return <Spin size="small" />;
        const changed = stored.has(row.id) && stored.get(row.id)?.[key] !== value;
        return (
          <Flex gap={4} align="center">
            <Checkbox
              aria-label={tx("restrictions.cell", { id: row.id, name: tx(`callSettings.${key}`) })}
              checked={value}
              disabled={locked(key) || apply.isPending}
              onChange={(event) => setCell(row.id, key, event.target.checked)}
            />
            {changed && <Tag color="blue">{tx("common.change")}</Tag>}
          </Flex>
        );
      },
    })),
    ...(rowErrors.length > 0
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

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {tx("restrictions.heading")}
      </Typography.Title>
      {scope.chooser}
      {eid === undefined ? (
        scope.prompt
      ) : (
        <>
          <Typography.Text type="secondary">{tx("restrictions.help")}</Typography.Text>
          <SubscriberSearchBar value={params} onSearch={(criteria) => setParams({ ...criteria, offset: 0 })} />
          <ErrorAlert error={list.error} />
          <Typography.Text aria-live="polite">{summary(list.data?.total, params.offset, rows.length)}</Typography.Text>
          <Table<SubscriberRow>
            aria-label={tx("restrictions.heading")}
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
              onChange: (keys) => onChecked(keys.map(String)),
              getCheckboxProps: (row) => ({ "aria-label": tx("list.selectRow", { id: row.id }) }),
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
            {rowErrors.length > 0 ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={tx("restrictions.rowErrors")}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {rowErrors.map((r) => (
                      <li key={`${r.index}-${r.subscriberId}`}>
                        {r.subscriberId}: {errorText(r.error)}
                      </li>
                    ))}
                  </ul>
                }
              />
            ) : (
              <ErrorAlert error={apply.error} />
            )}
            <Flex gap={12} align="center">
              <Button type="primary" onClick={submit} loading={apply.isPending}>
                {tx("restrictions.apply")}
              </Button>
              <Typography.Text>{tx("common.checked", { count: checked.length })}</Typography.Text>
              {checked.length > 0 && <Button onClick={() => onChecked([])}>{tx("common.uncheckAll")}</Button>}
            </Flex>
          </Flex>
        </>
      )}
    </Flex>
  );
}
