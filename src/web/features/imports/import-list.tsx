// 一括登録 (features.md §13; M2 ch.10): the templates (VPN / HUNT / PICKUP) with what their example
// line means, the upload (参照 → ファイルアップロード; a refused file lists every error by line), and
// the uploads with their status. 即時投入 of a checked upload opens its review first.
import { DeleteOutlined, DownloadOutlined, ThunderboltOutlined } from "@ant-design/icons";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Flex, Table, Tag, Typography, type TableProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { useDateTime } from "../../app/format";
import { ResultCount, sortOrderOf, useServerPagination, type SortOrder } from "../../app/list-controls";
import { DeleteFailures, deleteEach, sortFrom, type DeleteFailure } from "../extension-groups/group-kit";
import { FileChooser, FileRefusal, formBody, saveDownload } from "./file-kit";
import { useImportTexts } from "./i18n";
import { importKinds, templateLines, type ImportKind, type ImportRecord, type ImportStatus, type UploadBody } from "./types";

export const importKeys = {
  all: (eid: string) => ["imports", eid] as const,
  list: (eid: string, params: object) => ["imports", eid, "list", params] as const,
  one: (eid: string, id: number, params: object) => ["imports", eid, "one", id, params] as const,
};

type SortKey = "uploadedAt" | "fileName" | "kind" | "status";
const sortKeys: readonly SortKey[] = ["uploadedAt", "fileName", "kind", "status"];

export const statusColor: Record<ImportStatus, string> = { uploaded: "blue", applied: "green", failed: "red" };

function Templates({ enterpriseId }: { enterpriseId: string }) {
  const text = useImportTexts();
  const download = useMutation({
    mutationFn: (kind: ImportKind) =>
      saveDownload(
        api.GET("/api/v1/enterprises/{eid}/imports/template.csv", { params: { path: { eid: enterpriseId }, query: { kind } }, parseAs: "blob" }),
        `bulk-${kind.toLowerCase()}.csv`,
      ),
  });
  return (
    <Card size="small" title={text("templates.title")}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{text("templates.help")}</Typography.Text>
        {importKinds.map((kind) => (
          <Flex key={kind} gap={16} align="start" wrap>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={download.isPending && download.variables === kind}
              onClick={() => download.mutate(kind)}
              style={{ width: 300, justifyContent: "flex-start" }}
            >
              {text("templates.download", { kind: text(`templates.kinds.${kind}`) })}
            </Button>
            <Flex vertical gap={2} style={{ flex: 1, minWidth: 280 }}>
              <Typography.Text type="secondary">{text("templates.example")}</Typography.Text>
              <pre style={{ margin: 0, padding: "4px 8px", background: "rgba(0,0,0,0.04)", borderRadius: 4, whiteSpace: "pre-wrap" }}>{templateLines[kind].join("\n")}</pre>
              <Typography.Text>{text(`templates.meaning.${kind}`)}</Typography.Text>
            </Flex>
          </Flex>
        ))}
        <Alert type="info" showIcon title={text("templates.exampleNote")} />
        <ErrorAlert error={download.error} onClose={() => download.reset()} />
      </Flex>
    </Card>
  );
}

function UploadCard({ enterpriseId, onUploaded }: { enterpriseId: string; onUploaded: (id: number) => void }) {
  const text = useImportTexts();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) =>
      unwrap(api.POST("/api/v1/enterprises/{eid}/imports", { params: { path: { eid: enterpriseId } }, body: formBody<UploadBody>({ file: chosen }) })),
    onSuccess: (record) => {
      setFile(null);
      void message.success(text("upload.done", { name: record.fileName }));
      void queryClient.invalidateQueries({ queryKey: importKeys.all(enterpriseId) });
      onUploaded(record.id);
    },
  });
  return (
    <Card size="small" title={text("upload.title")}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{text("upload.help")}</Typography.Text>
        <Flex gap={12} align="start" wrap>
          <FileChooser
            file={file}
            accept=".csv,text/csv"
            onChange={(chosen) => {
              setFile(chosen);
              setNotice(null);
              upload.reset();
            }}
          />
          <Button
            type="primary"
            loading={upload.isPending}
            onClick={() => {
              if (!file) {
                setNotice(text("upload.chooseFirst"));
                return;
              }
              upload.mutate(file);
            }}
          >
            {text("upload.submit")}
          </Button>
        </Flex>
        {notice && <Alert type="info" showIcon title={notice} />}
        <FileRefusal error={upload.error} />
      </Flex>
    </Card>
  );
}

export function ImportList({ enterpriseId, hrefOf, open }: { enterpriseId: string; hrefOf: (id: number) => string; open: (id: number) => void }) {
  const text = useImportTexts();
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const dateTime = useDateTime();
  const queryClient = useQueryClient();
  const [params, setParams] = useState<{ sort: SortKey; order: SortOrder; offset: number; limit: number }>({ sort: "uploadedAt", order: "desc", offset: 0, limit: 50 });
  const [checked, setChecked] = useState<number[]>([]);
  const [failures, setFailures] = useState<DeleteFailure[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  const uploads = useQuery({
    queryKey: importKeys.list(enterpriseId, params),
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/imports", { params: { path: { eid: enterpriseId }, query: params } })),
    placeholderData: keepPreviousData,
  });
  const items = uploads.data?.items ?? [];
  const pagination = useServerPagination(params, uploads.data?.total, (page) => setParams((current) => ({ ...current, ...page })));

  const remove = useMutation({
    mutationFn: (targets: readonly ImportRecord[]) =>
      deleteEach(
        targets,
        (r) => r.fileName,
        (r) => unwrap(api.DELETE("/api/v1/enterprises/{eid}/imports/{id}", { params: { path: { eid: enterpriseId, id: r.id } } })),
      ),
    onSuccess: ({ deleted, failed }) => {
      setFailures(failed);
      setChecked([]);
      if (deleted > 0) void message.success(text("list.deleted", { count: deleted }));
      void queryClient.invalidateQueries({ queryKey: importKeys.all(enterpriseId) });
    },
  });

  const checkedRecords = items.filter((item) => checked.includes(item.id));
  const confirmDelete = () => {
    if (checkedRecords.length === 0) return;
    modal.confirm({
      title: text("list.deleteTitle"),
      content: (
        <Flex vertical gap={8}>
          <span>{text("list.deleteBody", { count: checkedRecords.length })}</span>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {checkedRecords.map((r) => (
              <li key={r.id}>{r.fileName}</li>
            ))}
          </ul>
        </Flex>
      ),
      okText: text("list.remove"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () => remove.mutateAsync(checkedRecords),
    });
  };

  const columns: TableProps<ImportRecord>["columns"] = [
    {
      title: text("list.fileName"),
      dataIndex: "fileName",
      key: "fileName",
      sorter: true,
      sortOrder: sortOrderOf(params.sort, params.order, "fileName"),
      render: (_v, r) => <Link to={hrefOf(r.id)}>{r.fileName}</Link>,
    },
    { title: text("list.kind"), dataIndex: "kind", key: "kind", sorter: true, sortOrder: sortOrderOf(params.sort, params.order, "kind") },
    { title: text("list.rows"), dataIndex: "rows", key: "rows", align: "right" },
    {
      title: text("list.status"),
      dataIndex: "status",
      key: "status",
      sorter: true,
      sortOrder: sortOrderOf(params.sort, params.order, "status"),
      render: (status: ImportStatus) => <Tag color={statusColor[status]}>{text(`status.${status}`)}</Tag>,
    },
    {
      title: text("list.uploadedAt"),
      dataIndex: "uploadedAt",
      key: "uploadedAt",
      sorter: true,
      sortOrder: sortOrderOf(params.sort, params.order, "uploadedAt"),
      render: (at: string) => dateTime(at),
    },
    { title: text("list.uploadedBy"), dataIndex: "uploadedBy", key: "uploadedBy" },
    { title: text("list.appliedAt"), dataIndex: "appliedAt", key: "appliedAt", render: (at: string | null) => (at ? dateTime(at) : "") },
    { title: "", key: "preview", render: (_v, r) => <Link to={hrefOf(r.id)} aria-label={`${text("list.preview")}: ${r.fileName}`}>{text("list.preview")}</Link> },
  ];

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Text>{text("intro")}</Typography.Text>
        <ol style={{ margin: "4px 0 0", paddingInlineStart: 24 }}>
          {importKinds.map((kind) => (
            <li key={kind}>{text(`introItems.${kind}`)}</li>
          ))}
        </ol>
      </div>
      <Templates enterpriseId={enterpriseId} />
      <UploadCard enterpriseId={enterpriseId} onUploaded={open} />
      <section aria-label={text("list.title")}>
        <Card size="small" title={text("list.title")}>
          <Flex vertical gap={12}>
            <Flex justify="space-between" align="center" wrap gap={8}>
              <ResultCount total={uploads.data?.total} />
              <Flex gap={8}>
                <Button
                  type="primary"
                  icon={<ThunderboltOutlined aria-hidden />}
                  onClick={() => {
                    const one = checkedRecords.length === 1 ? checkedRecords[0] : undefined;
                    if (!one) {
                      setNotice(text("list.applyOne"));
                      return;
                    }
                    open(one.id);
                  }}
                >
                  {text("list.apply")}
                </Button>
                <Button danger icon={<DeleteOutlined aria-hidden />} disabled={checkedRecords.length === 0} loading={remove.isPending} onClick={confirmDelete}>
                  {text("list.remove")}
                </Button>
              </Flex>
            </Flex>
            <Typography.Text type="secondary">{text("list.applyHelp")}</Typography.Text>
            {notice && <Alert type="info" showIcon title={notice} closable={{ onClose: () => setNotice(null) }} />}
            <ErrorAlert error={uploads.error} />
            <DeleteFailures failures={failures} />
            <Table<ImportRecord>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={items}
              loading={uploads.isFetching}
              locale={{ emptyText: text("list.empty") }}
              rowSelection={{
                selectedRowKeys: checked,
                onChange: (keys) => {
                  setChecked(keys.map(Number));
                  setNotice(null);
                },
                getCheckboxProps: (r) => ({ "aria-label": text("list.selectRow", { name: r.fileName }) }),
              }}
              sortDirections={["ascend", "descend"]}
              onChange={(_pagination, _filters, sorter, extra) => {
                if (extra.action !== "sort") return;
                const next = sortFrom(sorter, sortKeys, "uploadedAt");
                const order = sorter && !Array.isArray(sorter) && !sorter.order ? "desc" : next.order;
                setParams((current) => ({ ...current, sort: next.sort, order, offset: 0 }));
              }}
              pagination={pagination}
            />
          </Flex>
        </Card>
      </section>
    </Flex>
  );
}
