// 共通電話帳一覧 (features.md §12; M2 ch.7): search by name, the list (No., 名前, ファイル名, 件数,
// 警告, 最終更新), 追加 with a name and a CSV / vCard file (a refused file lists every error by line),
// 削除 of the checked phonebooks, and the CSV template.
import { DownloadOutlined } from "@ant-design/icons";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Form, Input, Modal, Table, Tag, Typography, type TableProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { useDateTime } from "../../app/format";
import { ResultCount, sortOrderOf, useServerPagination } from "../../app/list-controls";
import {
  DeleteFailures,
  GroupListActions,
  NameSearch,
  deleteEach,
  nameListQuery,
  sortFrom,
  useGroupKitTexts,
  type DeleteFailure,
  type NameListParams,
} from "../extension-groups/group-kit";
import { FileChooser, FileRefusal, formBody, saveDownload } from "../imports/file-kit";
import { usePhonebookTexts } from "./i18n";
import type { AddBody, Phonebook, PhonebookSort } from "./types";

export const phonebookKeys = {
  all: (eid: string) => ["phonebooks", eid] as const,
  list: (eid: string, params: object) => ["phonebooks", eid, "list", params] as const,
  one: (eid: string, id: number, params: object) => ["phonebooks", eid, "one", id, params] as const,
  members: (eid: string, id: number) => ["phonebooks", eid, "members", id] as const,
};

const sortKeys: readonly PhonebookSort[] = ["no", "name", "fileName", "updatedAt"];

export const phonebookFileTypes = ".csv,.vcf,text/csv,text/vcard";

/** "001" as the manual numbers the phonebooks. */
export function numberOf(no: number): string {
  return String(no).padStart(3, "0");
}

function AddDialog({ enterpriseId, onClose, onAdded }: { enterpriseId: string; onClose: () => void; onAdded: (id: number) => void }) {
  const text = usePhonebookTexts();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const add = useMutation({
    mutationFn: ({ name, chosen }: { name: string; chosen: File }) =>
      unwrap(api.POST("/api/v1/enterprises/{eid}/phonebooks", { params: { path: { eid: enterpriseId } }, body: formBody<AddBody>({ name, file: chosen }) })),
    onSuccess: (added) => {
      void message.success(text("add.added", { name: added.name }));
      void queryClient.invalidateQueries({ queryKey: phonebookKeys.all(enterpriseId) });
      onAdded(added.id);
    },
  });
  return (
    <Modal
      open
      width={720}
      title={text("add.title")}
      okText={t("common.add")}
      cancelText={t("common.cancel")}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Form<{ name: string }>
          form={form}
          layout="vertical"
          name="phonebook-add"
          onFinish={(values) => {
            if (!file) {
              setFileMissing(true);
              return;
            }
            add.mutate({ name: values.name.trim(), chosen: file });
          }}
        >
          <Form.Item name="name" label={text("add.name")} rules={[{ required: true, whitespace: true, message: text("add.nameRequired") }, { max: 64 }]}>
            <Input maxLength={64} autoFocus />
          </Form.Item>
          <Form.Item
            label={text("add.file")}
            required
            extra={text("add.fileHelp")}
            validateStatus={fileMissing ? "error" : undefined}
            help={fileMissing ? text("add.fileRequired") : undefined}
          >
            <FileChooser
              file={file}
              accept={phonebookFileTypes}
              onChange={(chosen) => {
                setFile(chosen);
                setFileMissing(false);
                add.reset();
              }}
            />
          </Form.Item>
        </Form>
        <FileRefusal error={add.error} />
      </Flex>
    </Modal>
  );
}

export function PhonebookList({ enterpriseId, hrefOf, open }: { enterpriseId: string; hrefOf: (id: number) => string; open: (id: number) => void }) {
  const text = usePhonebookTexts();
  const kit = useGroupKitTexts();
  const dateTime = useDateTime();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useState<NameListParams<PhonebookSort>>({ q: "", match: "prefix", sort: "no", order: "asc", offset: 0, limit: 50 });
  const [checked, setChecked] = useState<number[]>([]);
  const [failures, setFailures] = useState<DeleteFailure[]>([]);
  const [adding, setAdding] = useState(false);

  const books = useQuery({
    queryKey: phonebookKeys.list(enterpriseId, params),
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/phonebooks", { params: { path: { eid: enterpriseId }, query: nameListQuery(params) } })),
    placeholderData: keepPreviousData,
  });
  const items = books.data?.items ?? [];
  const pagination = useServerPagination(params, books.data?.total, (page) => setParams((current) => ({ ...current, ...page })));

  const template = useMutation({
    mutationFn: () => saveDownload(api.GET("/api/v1/enterprises/{eid}/phonebooks/template.csv", { params: { path: { eid: enterpriseId } }, parseAs: "blob" }), "phonebook.csv"),
  });
  const remove = useMutation({
    mutationFn: (targets: readonly Phonebook[]) =>
      deleteEach(
        targets,
        (b) => b.name,
        (b) => unwrap(api.DELETE("/api/v1/enterprises/{eid}/phonebooks/{id}", { params: { path: { eid: enterpriseId, id: b.id } } })),
      ),
    onSuccess: ({ deleted, failed }) => {
      setFailures(failed);
      setChecked([]);
      if (deleted > 0) void message.success(kit("deleted", { count: deleted }));
      void queryClient.invalidateQueries({ queryKey: phonebookKeys.all(enterpriseId) });
    },
  });

  const columns: TableProps<Phonebook>["columns"] = [
    { title: text("no"), dataIndex: "no", key: "no", width: 80, sorter: true, sortOrder: sortOrderOf(params.sort, params.order, "no"), render: (no: number) => numberOf(no) },
    {
      title: text("name"),
      dataIndex: "name",
      key: "name",
      sorter: true,
      sortOrder: sortOrderOf(params.sort, params.order, "name"),
      render: (_v, book) => <Link to={hrefOf(book.id)}>{book.name}</Link>,
    },
    { title: text("fileName"), dataIndex: "fileName", key: "fileName", sorter: true, sortOrder: sortOrderOf(params.sort, params.order, "fileName") },
    { title: text("entries"), dataIndex: "entryCount", key: "entryCount", align: "right" },
    {
      title: text("warnings"),
      dataIndex: "warningCount",
      key: "warningCount",
      align: "right",
      render: (count: number) => (count > 0 ? <Tag color="orange">{count}</Tag> : count),
    },
    { title: kit("memberCount"), dataIndex: "memberCount", key: "memberCount", align: "right" },
    {
      title: text("updatedAt"),
      dataIndex: "updatedAt",
      key: "updatedAt",
      sorter: true,
      sortOrder: sortOrderOf(params.sort, params.order, "updatedAt"),
      render: (at: string) => dateTime(at),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <NameSearch
        label={text("nameSearch")}
        inputId="phonebook-search"
        onSearch={(q, match) => {
          setChecked([]);
          setParams((current) => ({ ...current, q, match, offset: 0 }));
        }}
      />
      <Flex gap={12} align="center" wrap>
        <Button icon={<DownloadOutlined aria-hidden />} loading={template.isPending} onClick={() => template.mutate()}>
          {text("template")}
        </Button>
      </Flex>
      <Typography.Text type="secondary">{text("templateHelp")}</Typography.Text>
      <ErrorAlert error={template.error} onClose={() => template.reset()} />
      <section aria-label={text("resultTitle")}>
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <ResultCount total={books.data?.total} />
            <GroupListActions
              checked={items.filter((item) => checked.includes(item.id))}
              nameOf={(b) => b.name}
              onAdd={() => setAdding(true)}
              onDelete={(targets) => remove.mutateAsync(targets)}
              deleting={remove.isPending}
            />
          </Flex>
          <Typography.Text type="secondary">{text("deleteNote")}</Typography.Text>
          <ErrorAlert error={books.error} />
          <DeleteFailures failures={failures} />
          <Table<Phonebook>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={books.isFetching}
            locale={{ emptyText: text("empty") }}
            rowSelection={{
              selectedRowKeys: checked,
              onChange: (keys) => setChecked(keys.map(Number)),
              getCheckboxProps: (book) => ({ "aria-label": book.name }),
            }}
            sortDirections={["ascend", "descend"]}
            onChange={(_pagination, _filters, sorter, extra) => {
              if (extra.action !== "sort") return;
              const { sort, order } = sortFrom(sorter, sortKeys, "no");
              setParams((current) => (current.sort === sort && current.order === order ? current : { ...current, sort, order, offset: 0 }));
            }}
            pagination={pagination}
          />
        </Flex>
      </section>
      {adding && (
        <AddDialog
          enterpriseId={enterpriseId}
          onClose={() => setAdding(false)}
          onAdded={(id) => {
            setAdding(false);
            open(id);
          }}
        />
      )}
    </Flex>
  );
}
