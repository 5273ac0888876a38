// The subscriber search (features.md §2): server-side search, sort and paging (a page at a time in
// the DOM, also with 20,000 numbers), row checkboxes, 全件表示 and 全件CSV出力 of what was found.
import { DownloadOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { App, Button, Flex, Table, Tag, Typography, type TableProps } from "antd";
import { useState, type Key } from "react";
import { Link, useLocation } from "react-router";
import { ErrorAlert } from "../../app/error-alert";
import { useAccount } from "../../app/session";
import { downloadSubscriberCsv } from "../subscriber-export/csv-download";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { useText } from "./i18n";
import { useListParams } from "./list-params";
import { sortChange, sortOrderOf, usePagination, useResultSummary } from "./list-table";
import { subscriberDetailHref } from "./paths";
import { useSubscriberList } from "./queries";
import { SubscriberSearchBar } from "./search-bar";
import { OperatorSubscriberActions } from "./operator-actions";
import type { SortKey, SubscriberRow } from "./types";

const sortable: readonly SortKey[] = ["id", "number", "extension", "extensionGroup", "displayName"];

export function SubscriberListPage() {
  const tx = useText();
  const { message } = App.useApp();
  const account = useAccount();
  const location = useLocation();
  const scope = useEnterpriseScope();
  const eid = scope.enterpriseId;
  const [params, setParams] = useListParams();
  const list = useSubscriberList(eid, params);
  const [selected, setSelected] = useState<Key[]>([]);
  const exportCsv = useMutation({
    mutationFn: () =>
      downloadSubscriberCsv(eid ?? "", {
        field: params.field,
        match: params.match,
        ...(params.q ? { q: params.q } : {}),
        sort: params.sort === "number" ? "number" : "extension",
      }),
    onSuccess: () => void message.success(tx("list.exported")),
  });
  const summary = useResultSummary();
  const pagination = usePagination(params, list.data?.total ?? 0, setParams);

  const columns: TableProps<SubscriberRow>["columns"] = [
    {
      title: tx("fields.id"),
      dataIndex: "id",
      key: "id",
      sorter: true,
      sortOrder: sortOrderOf(params, "id"),
      fixed: "start",
      render: (id: string) => (
        <Link to={subscriberDetailHref(account.role, eid ?? "", id, { search: location.search })}>{id}</Link>
      ),
    },
    { title: tx("fields.number"), dataIndex: "number", key: "number", sorter: true, sortOrder: sortOrderOf(params, "number") },
    { title: tx("fields.extension"), dataIndex: "extension", key: "extension", sorter: true, sortOrder: sortOrderOf(params, "extension") },
    { title: tx("fields.extensionGroup"), dataIndex: "extensionGroup", key: "extensionGroup", sorter: true, sortOrder: sortOrderOf(params, "extensionGroup") },
    { title: tx("fields.displayName"), dataIndex: "displayName", key: "displayName", sorter: true, sortOrder: sortOrderOf(params, "displayName") },
    { title: tx("fields.pickupGroup"), dataIndex: "pickupGroup", key: "pickupGroup" },
    { title: tx("fields.huntGroup"), dataIndex: "huntGroup", key: "huntGroup" },
    { title: tx("fields.enterpriseName"), dataIndex: "enterpriseName", key: "enterpriseName" },
    { title: tx("fields.enterpriseId"), dataIndex: "enterpriseId", key: "enterpriseId" },
    {
      title: tx("fields.lineId"),
      key: "lineId",
      render: (_value, row) => [row.lineId1, row.lineId2].filter(Boolean).join(","),
    },
    {
      title: tx("fields.terminalAuthentication"),
      dataIndex: "terminalAuthentication",
      key: "terminalAuthentication",
      render: (on: boolean) => (on ? tx("common.on") : tx("common.off")),
    },
    {
      title: tx("fields.emergencyStopped"),
      dataIndex: "emergencyStopped",
      key: "emergencyStopped",
      render: (stopped: boolean) => (stopped ? <Tag color="red">{tx("list.stopped")}</Tag> : tx("common.off")),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {account.role === "operator" ? tx("list.operatorHeading") : tx("list.heading")}
      </Typography.Title>
      {scope.chooser}
      {eid === undefined ? (
        scope.prompt
      ) : (
        <>
          <Typography.Text type="secondary">{tx("list.help")}</Typography.Text>
          <SubscriberSearchBar
            value={params}
            onSearch={(criteria) => {
              setSelected([]);
              setParams({ ...criteria, offset: 0 });
            }}
            extra={
              <>
                <Button icon={<DownloadOutlined aria-hidden />} loading={exportCsv.isPending} onClick={() => exportCsv.mutate()}>
                  {tx("list.exportAll")}
                </Button>
                {account.role === "operator" && <OperatorSubscriberActions enterpriseId={eid} selected={selected} onRemoved={() => setSelected([])} />}
              </>
            }
          />
          <ErrorAlert error={list.error} />
          <ErrorAlert error={exportCsv.error} onClose={() => exportCsv.reset()} />
          {selected.length > 0 && (
            <Flex gap={12} align="center">
              <Typography.Text>{tx("common.checked", { count: selected.length })}</Typography.Text>
              <Button size="small" onClick={() => setSelected([])}>
                {tx("common.uncheckAll")}
              </Button>
            </Flex>
          )}
          <Typography.Text aria-live="polite">{summary(list.data?.total, params.offset, list.data?.items.length ?? 0)}</Typography.Text>
          <Table<SubscriberRow>
            aria-label={tx("list.table")}
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: "max-content" }}
            sortDirections={["ascend", "descend"]}
            locale={{ emptyText: tx("list.empty") }}
            rowSelection={{
              selectedRowKeys: selected,
              preserveSelectedRowKeys: true,
              onChange: (keys) => setSelected(keys),
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
