// バックアップデータ削除 (features.md §9; M2 ch.9): search the numbers, see which have backup data
// (size, date), check them and 削除 after a confirmation — one bulk write, all rows or none.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Flex, Spin, Table, Tag, Typography, type TableProps } from "antd";
import { useState, type Key } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { ErrorAlert } from "../../app/error-alert";
import { useErrorText } from "../../app/error-text";
import { useDateTime } from "../../app/format";
import { useText } from "../subscribers/i18n";
import { bulkPageSizes, useListParams } from "../subscribers/list-params";
import { sortChange, sortOrderOf, usePagination, useResultSummary } from "../subscribers/list-table";
import { bulkRowErrors } from "../subscribers/local-errors";
import { useSubscriberList } from "../subscribers/queries";
import { SubscriberSearchBar } from "../subscribers/search-bar";
import type { SortKey, SubscriberRow } from "../subscribers/types";
import { useTerminalTexts } from "./i18n";
import { formatBytes } from "./queries";
import { TargetList } from "./terminal-actions";
import { useTerminalRows } from "./terminal-rows";

const sortable: readonly SortKey[] = ["id", "number", "extension", "displayName"];

export function BackupsPage() {
  const text = useTerminalTexts();
  const tx = useText();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const dateTime = useDateTime();
  const { modal, message } = App.useApp();
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
  // Numbers checked on other pages, with their number for the confirmation.
  const [numbers, setNumbers] = useState<ReadonlyMap<string, string>>(new Map());

  const remove = useMutation({
    mutationFn: (ids: string[]) =>
      unwrap(api.PUT("/api/v1/enterprises/{eid}/terminal", { params: { path: { eid: eid ?? "" } }, body: ids.map((subscriberId) => ({ subscriberId, deleteBackup: true })) })),
    onSuccess: (answer) => {
      setChecked([]);
      void message.success(text("backups.deleted", { count: answer.updated }));
      void queryClient.invalidateQueries({ queryKey: ["subscribers", eid ?? ""] });
    },
  });
  const rowErrors = bulkRowErrors(remove.error);
  const errorOf = new Map(rowErrors.map((r) => [r.subscriberId, r.error]));

  const confirm = () => {
    const ids = checked.map(String);
    if (ids.length === 0) {
      setNotice(text("backups.nothingChecked"));
      return;
    }
    setNotice(null);
    modal.confirm({
      title: text("backups.confirmTitle", { count: ids.length }),
      width: 520,
      content: (
        <Flex vertical gap={8}>
          <span>{text("backups.confirmBody")}</span>
          <TargetList targets={ids.map((id) => ({ id, number: numbers.get(id) ?? "" }))} />
        </Flex>
      ),
      okText: text("backups.remove"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () => remove.mutateAsync(ids).catch(() => undefined),
    });
  };

  const backupOf = (row: SubscriberRow) => terminals.states.get(row.id)?.backup ?? null;
  const columns: TableProps<SubscriberRow>["columns"] = [
    { title: tx("fields.number"), dataIndex: "number", key: "number", sorter: true, sortOrder: sortOrderOf(params, "number") },
    { title: tx("fields.extension"), dataIndex: "extension", key: "extension", sorter: true, sortOrder: sortOrderOf(params, "extension") },
    { title: tx("fields.id"), dataIndex: "id", key: "id", sorter: true, sortOrder: sortOrderOf(params, "id") },
    { title: tx("fields.displayName"), dataIndex: "displayName", key: "displayName", sorter: true, sortOrder: sortOrderOf(params, "displayName") },
    {
      title: text("backups.state"),
      key: "state",
      render: (_value, row) => {
        if (!terminals.states.has(row.id)) return <Spin size="small" />;
        return backupOf(row) ? <Tag color="blue">{text("backups.has")}</Tag> : text("backups.none");
      },
    },
    { title: text("backups.size"), key: "size", align: "right", render: (_value, row) => (backupOf(row) ? formatBytes(backupOf(row)?.sizeBytes ?? 0) : "") },
    { title: text("backups.updatedAt"), key: "updatedAt", render: (_value, row) => (backupOf(row) ? dateTime(backupOf(row)?.updatedAt ?? "") : "") },
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
        {text("backups.heading")}
      </Typography.Title>
      {scope.chooser}
      {eid === undefined ? (
        scope.prompt
      ) : (
        <>
          <Typography.Text type="secondary">{text("backups.help")}</Typography.Text>
          <SubscriberSearchBar value={params} onSearch={(criteria) => setParams({ ...criteria, offset: 0 })} />
          <ErrorAlert error={list.error ?? terminals.error} />
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text aria-live="polite">{summary(list.data?.total, params.offset, rows.length)}</Typography.Text>
            <Flex gap={8} align="center">
              <Typography.Text>{tx("common.checked", { count: checked.length })}</Typography.Text>
              <Button danger loading={remove.isPending} onClick={confirm}>
                {text("backups.remove")}
              </Button>
            </Flex>
          </Flex>
          {notice && <Alert type="info" showIcon title={notice} closable={{ onClose: () => setNotice(null) }} />}
          <ErrorAlert error={rowErrors.length > 0 ? null : remove.error} />
          <Table<SubscriberRow>
            aria-label={text("backups.heading")}
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
              onChange: (keys, selected) => {
                setChecked(keys);
                setNotice(null);
                setNumbers((current) => {
                  const next = new Map(current);
                  for (const row of selected) if (row) next.set(row.id, row.number);
                  return next;
                });
              },
              getCheckboxProps: (row) => ({ "aria-label": tx("list.selectRow", { id: row.id }), disabled: backupOf(row) === null }),
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
