// 端末認証・緊急停止 (features.md §9; M2 ch.2 電話番号一覧, ch.12 緊急停止): the numbers with their
// terminal authentication and emergency-stop state; 緊急停止 / 解除 per number or for the checked
// numbers, each behind a confirmation that says what it does. A subscriber ID opens the number's
// 端末 tab (ワンタイム解除, 初期化).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Table, Tag, Typography, type TableProps } from "antd";
import { useState, type Key } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { api, unwrap } from "../../api/client";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { ErrorAlert } from "../../app/error-alert";
import { useErrorText } from "../../app/error-text";
import { useAccount } from "../../app/session";
import { useText } from "../subscribers/i18n";
import { bulkPageSizes, useListParams } from "../subscribers/list-params";
import { sortChange, sortOrderOf, usePagination, useResultSummary } from "../subscribers/list-table";
import { subscriberDetailHref } from "../subscribers/paths";
import { useSubscriberList } from "../subscribers/queries";
import { SubscriberSearchBar } from "../subscribers/search-bar";
import type { SortKey, SubscriberRow } from "../subscribers/types";
import { useTerminalTexts } from "./i18n";
import { StopEffect, TargetList, useTerminalActions, type TerminalTarget } from "./terminal-actions";

const sortable: readonly SortKey[] = ["id", "number", "extension", "displayName"];

export function TerminalsPage() {
  const text = useTerminalTexts();
  const tx = useText();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { modal, message } = App.useApp();
  const account = useAccount();
  const location = useLocation();
  const queryClient = useQueryClient();
  const scope = useEnterpriseScope();
  const eid = scope.enterpriseId;
  const [params, setParams] = useListParams();
  const list = useSubscriberList(eid, params);
  const rows = list.data?.items ?? [];
  const [checked, setChecked] = useState<Key[]>([]);
  const actions = useTerminalActions(eid ?? "");
  const summary = useResultSummary();
  const pagination = usePagination(params, list.data?.total ?? 0, setParams, bulkPageSizes);

  const [failures, setFailures] = useState<{ id: string; error: unknown }[]>([]);
  const bulk = useMutation({
    mutationFn: async ({ targets, stopped }: { targets: TerminalTarget[]; stopped: boolean }) => {
      const failed: { id: string; error: unknown }[] = [];
      let done = 0;
      for (const target of targets) {
        try {
          await unwrap(
            api.PUT("/api/v1/enterprises/{eid}/subscribers/{sid}/emergency-stop", {
              params: { path: { eid: eid ?? "", sid: target.id } },
              body: { stopped },
            }),
          );
          done += 1;
        } catch (error) {
          failed.push({ id: target.id, error });
        }
      }
      return { done, failed };
    },
    onSuccess: ({ done, failed }) => {
      setFailures(failed);
      setChecked([]);
      if (done > 0) void message.success(text("list.bulkDone", { count: done }));
      void queryClient.invalidateQueries({ queryKey: ["subscribers", eid ?? ""] });
    },
  });

  const checkedRows = rows.filter((row) => checked.includes(row.id));
  const confirmBulk = (stopped: boolean) => {
    const targets = checkedRows.filter((row) => row.emergencyStopped !== stopped).map((row) => ({ id: row.id, number: row.number }));
    if (targets.length === 0) return;
    modal.confirm({
      title: stopped ? text("list.bulkStopTitle", { count: targets.length }) : text("list.bulkReleaseTitle", { count: targets.length }),
      width: 560,
      content: (
        <Flex vertical gap={8}>
          <span>{stopped ? text("list.bulkStopBody") : text("list.bulkReleaseBody")}</span>
          <TargetList targets={targets} />
          {stopped && <StopEffect />}
        </Flex>
      ),
      okText: stopped ? text("stopDialog.ok") : text("releaseDialog.ok"),
      okButtonProps: { danger: stopped },
      cancelText: t("common.cancel"),
      onOk: () => bulk.mutateAsync({ targets, stopped }).catch(() => undefined),
    });
  };

  const columns: TableProps<SubscriberRow>["columns"] = [
    {
      title: tx("fields.id"),
      dataIndex: "id",
      key: "id",
      sorter: true,
      sortOrder: sortOrderOf(params, "id"),
      render: (id: string) => <Link to={subscriberDetailHref(account.role, eid ?? "", id, { tab: "terminal", search: location.search })}>{id}</Link>,
    },
    { title: tx("fields.number"), dataIndex: "number", key: "number", sorter: true, sortOrder: sortOrderOf(params, "number") },
    { title: tx("fields.extension"), dataIndex: "extension", key: "extension", sorter: true, sortOrder: sortOrderOf(params, "extension") },
    { title: tx("fields.displayName"), dataIndex: "displayName", key: "displayName", sorter: true, sortOrder: sortOrderOf(params, "displayName") },
    {
      title: text("state.authentication"),
      dataIndex: "terminalAuthentication",
      key: "terminalAuthentication",
      render: (on: boolean) => (on ? <Tag color="blue">{text("on")}</Tag> : text("off")),
    },
    {
      title: text("state.emergency"),
      dataIndex: "emergencyStopped",
      key: "emergencyStopped",
      render: (stopped: boolean) => (stopped ? <Tag color="red">{text("state.stopped")}</Tag> : text("state.running")),
    },
    {
      title: text("list.actions"),
      key: "actions",
      render: (_value, row) => (
        <Flex gap={8}>
          {row.emergencyStopped ? (
            <Button size="small" aria-label={`${text("actions.release")}: ${row.id}`} onClick={() => actions.emergency({ id: row.id, number: row.number }, false)}>
              {text("actions.release")}
            </Button>
          ) : (
            <Button size="small" danger aria-label={`${text("actions.stop")}: ${row.id}`} onClick={() => actions.emergency({ id: row.id, number: row.number }, true)}>
              {text("actions.stop")}
            </Button>
          )}
          <Link to={subscriberDetailHref(account.role, eid ?? "", row.id, { tab: "terminal", search: location.search })} aria-label={`${text("list.detail")}: ${row.id}`}>
            {text("list.detail")}
          </Link>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {text("list.heading")}
      </Typography.Title>
      {scope.chooser}
      {eid === undefined ? (
        scope.prompt
      ) : (
        <>
          <Typography.Text type="secondary">{text("list.help")}</Typography.Text>
          <SubscriberSearchBar
            value={params}
            onSearch={(criteria) => {
              setChecked([]);
              setParams({ ...criteria, offset: 0 });
            }}
          />
          <ErrorAlert error={list.error} />
          <ErrorAlert error={actions.error} onClose={actions.clearError} />
          {failures.map((failure) => (
            <Typography.Text key={failure.id} type="danger" role="alert">
              {failure.id}: {errorText(failure.error)}
            </Typography.Text>
          ))}
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text aria-live="polite">{summary(list.data?.total, params.offset, rows.length)}</Typography.Text>
            <Flex gap={8} align="center">
              {checked.length > 0 && <Typography.Text>{tx("common.checked", { count: checked.length })}</Typography.Text>}
              <Button danger disabled={!checkedRows.some((row) => !row.emergencyStopped)} loading={bulk.isPending} onClick={() => confirmBulk(true)}>
                {text("list.stopChecked")}
              </Button>
              <Button disabled={!checkedRows.some((row) => row.emergencyStopped)} loading={bulk.isPending} onClick={() => confirmBulk(false)}>
                {text("list.releaseChecked")}
              </Button>
            </Flex>
          </Flex>
          <Table<SubscriberRow>
            aria-label={text("list.table")}
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
              onChange: (keys) => setChecked(keys),
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
