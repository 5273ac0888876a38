// 投入内容の確認 of one upload (features.md §13): what applying would change now, line by line —
// 追加 / 変更 (old → new) / 変更なし / 競合 — so nobody applies a file blind; then 即時投入 after a
// confirmation (one transaction; a refusal changes nothing and lists every error by line).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Flex, Segmented, Table, Tag, Typography, type TableProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { useDateTime } from "../../app/format";
import { useServerPagination, type Page } from "../../app/list-controls";
import { PageSpin } from "../../app/page-spin";
import { FileRefusal, LineErrorTable, useLineErrorText } from "./file-kit";
import { useImportTexts } from "./i18n";
import { importKeys, statusColor } from "./import-list";
import { lineActions, type ApplyResult, type LineAction, type PreviewLine } from "./types";

const actionColor: Record<LineAction, string> = { add: "green", change: "blue", unchanged: "default", conflict: "red" };

type Placement = PreviewLine["before"];

export function ImportPreview({ enterpriseId, importId }: { enterpriseId: string; importId: number }) {
  const text = useImportTexts();
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const dateTime = useDateTime();
  const lineErrorText = useLineErrorText();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<LineAction | "all">("all");
  const [page, setPage] = useState<Page>({ offset: 0, limit: 50 });
  const [result, setResult] = useState<ApplyResult | null>(null);

  const params = { ...(filter === "all" ? {} : { action: filter }), offset: page.offset, limit: page.limit };
  const detail = useQuery({
    queryKey: importKeys.one(enterpriseId, importId, params),
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/imports/{id}", { params: { path: { eid: enterpriseId, id: importId }, query: params } })),
    placeholderData: keepPreviousData,
  });
  const pagination = useServerPagination(page, detail.data?.preview.total, setPage);

  const apply = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/enterprises/{eid}/imports/{id}/apply", { params: { path: { eid: enterpriseId, id: importId } } })),
    onSuccess: (applied) => {
      setResult(applied);
      void message.success(text("preview.done", { name: applied.fileName }));
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: importKeys.all(enterpriseId) });
      for (const area of ["subscribers", "extension-groups", "hunt-groups", "pickup-groups"]) void queryClient.invalidateQueries({ queryKey: [area, enterpriseId] });
    },
  });

  if (detail.isPending) return <PageSpin />;
  if (detail.isError) return <ErrorAlert error={detail.error} />;
  const data = detail.data;
  const summary = data.summary;

  const placement = (p: Placement) => {
    if (p.group === null) return text("preview.none");
    const extra =
      p.extension !== undefined && p.extension !== null
        ? text("preview.extension", { value: p.extension })
        : p.order !== undefined && p.order !== null
          ? text("preview.order", { value: p.order })
          : "";
    return extra ? `${p.group} / ${extra}` : p.group;
  };

  const confirm = () =>
    modal.confirm({
      title: text("preview.confirmTitle"),
      width: 520,
      content: text("preview.confirmBody", { name: data.fileName, rows: data.rows, add: summary.add, change: summary.change, unchanged: summary.unchanged }),
      okText: text("preview.apply"),
      cancelText: t("common.cancel"),
      onOk: () => apply.mutateAsync().catch(() => undefined),
    });

  const blocked = data.status === "applied" || !data.fileIntact || summary.conflict > 0;
  const columns: TableProps<PreviewLine>["columns"] = [
    { title: text("preview.line"), dataIndex: "line", key: "line", width: 80 },
    { title: text("preview.subscriberId"), dataIndex: "subscriberId", key: "subscriberId" },
    {
      title: text("preview.action"),
      dataIndex: "action",
      key: "action",
      render: (action: LineAction) => <Tag color={actionColor[action]}>{text(`preview.actions.${action}`)}</Tag>,
    },
    { title: text("preview.before"), key: "before", render: (_v, line) => placement(line.before) },
    {
      title: text("preview.after"),
      key: "after",
      render: (_v, line) => (line.action === "change" ? <Typography.Text strong>{placement(line.after)}</Typography.Text> : placement(line.after)),
    },
    {
      title: text("preview.errors"),
      key: "errors",
      render: (_v, line) =>
        line.errors.length === 0 ? null : (
          <Flex vertical gap={2}>
            {line.errors.map((e, i) => (
              <Typography.Text key={i} type="danger">
                {lineErrorText(e)}
              </Typography.Text>
            ))}
          </Flex>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {text("preview.heading", { name: data.fileName })}
      </Typography.Title>
      <Flex gap={12} align="center" wrap>
        <Tag color={statusColor[data.status]}>{text(`status.${data.status}`)}</Tag>
        <Typography.Text>
          {text("list.kind")}: {data.kind} / {text("list.rows")}: {data.rows} / {text("list.uploadedAt")}: {dateTime(data.uploadedAt)}
        </Typography.Text>
      </Flex>
      <Typography.Text>{text("preview.help")}</Typography.Text>
      <Typography.Text strong role="status">
        {text("preview.summary", { ...summary })}
      </Typography.Text>
      {data.status === "applied" && <Alert type="success" showIcon title={text("preview.applied", { date: data.appliedAt ? dateTime(data.appliedAt) : "" })} />}
      {data.status === "failed" && data.errors.length > 0 && (
        <Alert type="error" showIcon title={text("preview.failed")} description={<LineErrorTable errors={data.errors} />} />
      )}
      {!data.fileIntact && <Alert type="error" showIcon title={text("preview.intactLost")} />}
      {data.status !== "applied" && summary.conflict > 0 && <Alert type="warning" showIcon title={text("preview.conflicts")} />}
      {result && (
        <Alert
          type="success"
          showIcon
          title={text("preview.done", { name: result.fileName })}
          description={
            result.adjustedForwarding.length + result.adjustedSchedules.length > 0 ? (
              <Flex vertical gap={2}>
                {result.adjustedForwarding.length > 0 && <span>{text("preview.adjusted", { ids: result.adjustedForwarding.map((f) => f.subscriberId).join(", ") })}</span>}
                {result.adjustedSchedules.length > 0 && <span>{text("preview.adjustedSchedules", { names: result.adjustedSchedules.map((s) => s.name).join(", ") })}</span>}
              </Flex>
            ) : undefined
          }
        />
      )}
      <FileRefusal error={apply.error} />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex gap={8} align="center">
          <Typography.Text id="import-preview-filter">{text("preview.filter")}</Typography.Text>
          <Segmented<LineAction | "all">
            aria-labelledby="import-preview-filter"
            value={filter}
            onChange={(next) => {
              setFilter(next);
              setPage((current) => ({ ...current, offset: 0 }));
            }}
            options={[{ value: "all", label: text("preview.all") }, ...lineActions.map((a) => ({ value: a, label: `${text(`preview.actions.${a}`)} (${summary[a]})` }))]}
          />
        </Flex>
        {data.status !== "applied" && (
          <Button type="primary" danger={false} disabled={blocked} loading={apply.isPending} onClick={confirm}>
            {text("preview.apply")}
          </Button>
        )}
      </Flex>
      <Table<PreviewLine>
        aria-label={text("preview.table")}
        rowKey="line"
        size="middle"
        columns={columns}
        dataSource={data.preview.items}
        loading={detail.isFetching}
        pagination={pagination}
      />
    </Flex>
  );
}
