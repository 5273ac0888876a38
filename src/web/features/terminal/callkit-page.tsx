// 機能設定 (CallKit) (features.md §9; M2 ch.9): search the numbers, see each one's CallKit, check
// numbers and switch them ON or OFF together — one bulk write, all rows or none (a refusal names
// each failing number).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Flex, Spin, Table, Tag, Typography, type TableProps } from "antd";
import { useState, type Key } from "react";
import { api, unwrap } from "../../api/client";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { ErrorAlert } from "../../app/error-alert";
import { useErrorText } from "../../app/error-text";
import { useText } from "../subscribers/i18n";
import { bulkPageSizes, useListParams } from "../subscribers/list-params";
import { sortChange, sortOrderOf, usePagination, useResultSummary } from "../subscribers/list-table";
import { bulkRowErrors } from "../subscribers/local-errors";
import { useSubscriberList } from "../subscribers/queries";
import { SubscriberSearchBar } from "../subscribers/search-bar";
import type { SortKey, SubscriberRow } from "../subscribers/types";
import { useTerminalTexts } from "./i18n";
import type { BulkTerminalRow } from "./queries";
import { useTerminalRows } from "./terminal-rows";

const sortable: readonly SortKey[] = ["id", "number", "extension", "displayName"];

export function CallKitPage() {
  const text = useTerminalTexts();
  const tx = useText();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const scope = useEnterpriseScope();
  const eid = scope.enterpriseId;
  const [params, setParams] = useListParams();
  const list = useSubscriberList(eid, params);
  const rows = list.data?.items ?? [];
  const terminals = useTerminalRows(eid, rows);
  const [checked, setChecked] = useState<Key[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const summary = useResultSummary();
  const pagination = usePagination(params, list.data?.total ?? 0, setParams, bulkPageSizes);

  const apply = useMutation({
    mutationFn: (body: BulkTerminalRow[]) => unwrap(api.PUT("/api/v1/enterprises/{eid}/terminal", { params: { path: { eid: eid ?? "" } }, body })),
    onSuccess: (answer) => {
      setChecked([]);
      void message.success(answer.updated > 0 ? text("callKit.applied", { count: answer.updated }) : text("callKit.unchanged"));
      void queryClient.invalidateQueries({ queryKey: ["subscribers", eid ?? ""] });
    },
  });
  const rowErrors = bulkRowErrors(apply.error);
  const errorOf = new Map(rowErrors.map((r) => [r.subscriberId, r.error]));

  const set = (callKit: boolean) => {
    if (checked.length === 0) {
      setNotice(text("callKit.nothingChecked"));
      return;
    }
    setNotice(null);
    apply.mutate(checked.map((id) => ({ subscriberId: String(id), callKit })));
  };

  const columns: TableProps<SubscriberRow>["columns"] = [
    { title: tx("fields.number"), dataIndex: "number", key: "number", sorter: true, sortOrder: sortOrderOf(params, "number") },
    { title: tx("fields.extension"), dataIndex: "extension", key: "extension", sorter: true, sortOrder: sortOrderOf(params, "extension") },
    { title: tx("fields.id"), dataIndex: "id", key: "id", sorter: true, sortOrder: sortOrderOf(params, "id") },
    { title: tx("fields.displayName"), dataIndex: "displayName", key: "displayName", sorter: true, sortOrder: sortOrderOf(params, "displayName") },
    {
      title: text("callKit.column"),
      key: "callKit",
      render: (_value, row) => {
        const state = terminals.states.get(row.id);
        if (!state) return <Spin size="small" />;
        return state.callKit ? <Tag color="blue">{text("on")}</Tag> : <Tag>{text("off")}</Tag>;
      },
    },
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
        {text("callKit.heading")}
      </Typography.Title>
      {scope.chooser}
      {eid === undefined ? (
        scope.prompt
      ) : (
        <>
          <Typography.Text type="secondary">{text("callKit.help")}</Typography.Text>
          <SubscriberSearchBar value={params} onSearch={(criteria) => setParams({ ...criteria, offset: 0 })} />
          <ErrorAlert error={list.error ?? terminals.error} />
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text aria-live="polite">{summary(list.data?.total, params.offset, rows.length)}</Typography.Text>
            <Flex gap={8} align="center">
              <Typography.Text>{tx("common.checked", { count: checked.length })}</Typography.Text>
              <Button type="primary" loading={apply.isPending} onClick={() => set(true)}>
                {text("callKit.on")}
              </Button>
              <Button loading={apply.isPending} onClick={() => set(false)}>
                {text("callKit.off")}
              </Button>
            </Flex>
          </Flex>
          {notice && <Alert type="info" showIcon title={notice} closable={{ onClose: () => setNotice(null) }} />}
          <ErrorAlert error={rowErrors.length > 0 ? null : apply.error} />
          <Table<SubscriberRow>
            aria-label={text("callKit.heading")}
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
              onChange: (keys) => {
                setChecked(keys);
                setNotice(null);
              },
              getCheckboxProps: (row) => ({ "aria-label": tx("list.selectRow", { id: row.id }) }),
            }}
            onChange={(_pagination, _filters, sorter, extra) => {
              if (extra.action !== "sort") return;
              const change = sortChange(sorter, sortable);
              if (change) setParams(change);
            }}
            pagination={pagination}
          />
        </>
      )}
    </Flex>
  );
}
