// One shared phonebook (features.md §12; M2 ch.7): its entries (paged, filtered) with the lines whose
// characters some apps can't show (環境依存文字: kept, reported per line), 名前変更, ファイル差し替え,
// and its members (メンバ / 非メンバ): the numbers whose apps receive it.
import { EditOutlined, SwapOutlined } from "@ant-design/icons";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Flex, Form, Input, Modal, Table, Tabs, Tag, Typography, type TableProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { useDateTime } from "../../app/format";
import { useServerPagination, type Page } from "../../app/list-controls";
import { PageSpin } from "../../app/page-spin";
import { ifMatch } from "../extension-groups/group-kit";
import { MemberEditor, readAll, type MemberParams } from "../extension-groups/member-editor";
import { FileChooser, FileRefusal, formBody } from "../imports/file-kit";
import { usePhonebookTexts } from "./i18n";
import { phonebookFileTypes, phonebookKeys } from "./phonebook-list";
import type { PhonebookDetail as Detail, PhonebookEntry, PhonebookMember, PhonebookMemberSort, PhonebookMembersResult, PhonebookWarning, ReplaceBody } from "./types";

const memberSortKeys: readonly PhonebookMemberSort[] = ["subscriberId", "number", "extension", "displayName"];

function RenameDialog({ enterpriseId, book, onClose }: { enterpriseId: string; book: Detail; onClose: () => void }) {
  const text = usePhonebookTexts();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const rename = useMutation({
    mutationFn: (name: string) =>
      unwrap(api.PUT("/api/v1/enterprises/{eid}/phonebooks/{id}", { params: { path: { eid: enterpriseId, id: book.id } }, headers: ifMatch(book.version), body: { name } })),
    onSuccess: () => {
      void message.success(text("detail.renamed"));
      void queryClient.invalidateQueries({ queryKey: phonebookKeys.all(enterpriseId) });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={text("detail.renameTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={rename.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<{ name: string }> form={form} layout="vertical" name="phonebook-rename" initialValues={{ name: book.name }} onFinish={(values) => rename.mutate(values.name.trim())}>
        <Form.Item name="name" label={text("add.name")} rules={[{ required: true, whitespace: true, message: text("add.nameRequired") }, { max: 64 }]}>
          <Input maxLength={64} autoFocus />
        </Form.Item>
      </Form>
      <ErrorAlert error={rename.error} />
    </Modal>
  );
}

function ReplaceDialog({ enterpriseId, book, onClose }: { enterpriseId: string; book: Detail; onClose: () => void }) {
  const text = usePhonebookTexts();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const replace = useMutation({
    mutationFn: (chosen: File) =>
      unwrap(
        api.PUT("/api/v1/enterprises/{eid}/phonebooks/{id}", {
          params: { path: { eid: enterpriseId, id: book.id } },
          headers: ifMatch(book.version),
          body: formBody<ReplaceBody>({ file: chosen }),
        }),
      ),
    onSuccess: (saved) => {
      void message.success(text("detail.replaced", { count: saved.entryCount }));
      void queryClient.invalidateQueries({ queryKey: phonebookKeys.all(enterpriseId) });
      onClose();
    },
  });
  return (
    <Modal
      open
      width={720}
      title={text("detail.replaceTitle")}
      okText={text("detail.replace")}
      okButtonProps={{ disabled: file === null }}
      cancelText={t("common.cancel")}
      confirmLoading={replace.isPending}
      onOk={() => file && replace.mutate(file)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text>{text("detail.replaceHelp")}</Typography.Text>
        <Typography.Text type="secondary">{text("add.fileHelp")}</Typography.Text>
        <FileChooser
          file={file}
          accept={phonebookFileTypes}
          onChange={(chosen) => {
            setFile(chosen);
            replace.reset();
          }}
        />
        <FileRefusal error={replace.error} />
      </Flex>
    </Modal>
  );
}

function Warnings({ warnings }: { warnings: readonly PhonebookWarning[] }) {
  const text = usePhonebookTexts();
  const { i18n } = useTranslation();
  const english = i18n.resolvedLanguage === "en";
  if (warnings.length === 0) return null;
  const columns: TableProps<PhonebookWarning & { key: number }>["columns"] = [
    { title: text("detail.line"), dataIndex: "line", key: "line", width: 80 },
    { title: text("detail.warningField"), dataIndex: "field", key: "field", width: 140 },
    { title: text("detail.warningCharacters"), key: "characters", width: 140, render: (_v, w) => w.characters.join(" ") },
    { title: text("detail.warningMessage"), key: "message", render: (_v, w) => (english ? w.messageEn || w.message : w.message || w.messageEn) },
  ];
  return (
    <Alert
      type="warning"
      showIcon
      title={text("detail.warningsTitle", { count: warnings.length })}
      description={
        <Table<PhonebookWarning & { key: number }>
          aria-label={text("detail.warningsTable")}
          size="small"
          columns={columns}
          dataSource={warnings.map((w, i) => ({ ...w, key: i }))}
          pagination={warnings.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        />
      }
    />
  );
}

function Entries({ enterpriseId, phonebookId }: { enterpriseId: string; phonebookId: number }) {
  const text = usePhonebookTexts();
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  const [page, setPage] = useState<Page>({ offset: 0, limit: 50 });
  const params = { ...(q ? { q } : {}), offset: page.offset, limit: page.limit };
  const detail = useQuery({
    queryKey: phonebookKeys.one(enterpriseId, phonebookId, params),
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/phonebooks/{id}", { params: { path: { eid: enterpriseId, id: phonebookId }, query: params } })),
    placeholderData: keepPreviousData,
  });
  const pagination = useServerPagination(page, detail.data?.entries.total, setPage);
  const warned = new Set((detail.data?.warnings ?? []).map((w) => w.line));
  const columns: TableProps<PhonebookEntry>["columns"] = [
    {
      title: text("detail.line"),
      dataIndex: "line",
      key: "line",
      width: 100,
      render: (line: number) => (
        <Flex gap={4} align="center">
          <span>{line}</span>
          {warned.has(line) && <Tag color="orange">{text("detail.warningTag")}</Tag>}
        </Flex>
      ),
    },
    { title: text("detail.entryName"), dataIndex: "name", key: "name" },
    { title: text("detail.kana"), dataIndex: "kana", key: "kana" },
    { title: text("detail.company"), dataIndex: "company", key: "company" },
    { title: text("detail.department"), dataIndex: "department", key: "department" },
    { title: text("detail.phones"), key: "phones", render: (_v, e) => e.phones.join(", ") },
    { title: text("detail.email"), dataIndex: "email", key: "email" },
    { title: text("detail.memo"), dataIndex: "memo", key: "memo" },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex
        component="form"
        role="search"
        aria-label={text("detail.search")}
        gap={12}
        align="center"
        wrap
        onSubmit={(event) => {
          event.preventDefault();
          setQ(draft.trim());
          setPage((current) => ({ ...current, offset: 0 }));
        }}
      >
        <label htmlFor="phonebook-entry-search">{text("detail.search")}</label>
        <Input id="phonebook-entry-search" value={draft} allowClear placeholder={text("detail.searchHelp")} style={{ width: 320 }} onChange={(event) => setDraft(event.target.value)} />
        <Button type="primary" htmlType="submit">
          {text("detail.search")}
        </Button>
      </Flex>
      <ErrorAlert error={detail.error} />
      <Table<PhonebookEntry>
        aria-label={text("detail.table")}
        rowKey="line"
        size="small"
        columns={columns}
        dataSource={detail.data?.entries.items ?? []}
        loading={detail.isFetching}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: text("detail.noEntries") }}
        onRow={(entry) => (warned.has(entry.line) ? { "aria-invalid": true } : {})}
        pagination={pagination}
      />
    </Flex>
  );
}

export function PhonebookView({ enterpriseId, phonebookId }: { enterpriseId: string; phonebookId: number }) {
  const text = usePhonebookTexts();
  const dateTime = useDateTime();
  const [dialog, setDialog] = useState<"rename" | "replace" | null>(null);
  const [tab, setTab] = useState("entries");
  // The first page: name, counts and every warning.
  const first = { offset: 0, limit: 50 };
  const detail = useQuery({
    queryKey: phonebookKeys.one(enterpriseId, phonebookId, first),
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/phonebooks/{id}", { params: { path: { eid: enterpriseId, id: phonebookId }, query: first } })),
  });
  if (detail.isPending) return <PageSpin />;
  if (detail.isError) return <ErrorAlert error={detail.error} />;
  const book = detail.data;

  const page = (params: Partial<MemberParams<PhonebookMemberSort>> & Pick<MemberParams<PhonebookMemberSort>, "membership" | "offset" | "limit">) =>
    unwrap(
      api.GET("/api/v1/enterprises/{eid}/phonebooks/{id}/members", {
        params: {
          path: { eid: enterpriseId, id: phonebookId },
          query: {
            membership: params.membership,
            ...(params.q ? { q: params.q, match: "partial" as const } : {}),
            ...(params.sort ? { sort: params.sort } : {}),
            ...(params.order ? { order: params.order } : {}),
            offset: params.offset,
            limit: params.limit,
          },
        },
      }),
    );

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {text("detail.heading", { name: book.name })}
      </Typography.Title>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text>
          {text("detail.summary", { fileName: book.fileName, format: text(book.format === "csv" ? "format_csv" : "format_vcard"), entries: book.entryCount, updatedAt: dateTime(book.updatedAt) })}
        </Typography.Text>
        <Flex gap={8}>
          <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog("rename")}>
            {text("detail.rename")}
          </Button>
          <Button icon={<SwapOutlined aria-hidden />} onClick={() => setDialog("replace")}>
            {text("detail.replace")}
          </Button>
        </Flex>
      </Flex>
      <Warnings warnings={book.warnings} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: "entries", label: text("detail.tabEntries"), children: <Entries enterpriseId={enterpriseId} phonebookId={phonebookId} /> },
          {
            key: "members",
            label: text("detail.tabMembers"),
            children: (
              <MemberEditor<PhonebookMember, PhonebookMemberSort, PhonebookMembersResult>
                queryKey={phonebookKeys.members(enterpriseId, phonebookId)}
                invalidateKey={[phonebookKeys.all(enterpriseId)]}
                fetchPage={page}
                fetchMembers={() => readAll((offset, limit) => page({ membership: "member", offset, limit }))}
                sortKeys={memberSortKeys}
                defaultSort="subscriberId"
                extraColumns={[{ title: text("members.extension"), dataIndex: "extension", key: "extension" }]}
                save={(entries) =>
                  unwrap(
                    api.PUT("/api/v1/enterprises/{eid}/phonebooks/{id}/members", {
                      params: { path: { eid: enterpriseId, id: phonebookId } },
                      body: { subscriberIds: entries.map((entry) => entry.subscriberId) },
                    }),
                  )
                }
                savedCount={(result) => result.subscriberIds.length}
                note={<Alert type="info" showIcon title={text("members.note")} />}
              />
            ),
          },
        ]}
      />
      {dialog === "rename" && <RenameDialog enterpriseId={enterpriseId} book={book} onClose={() => setDialog(null)} />}
      {dialog === "replace" && <ReplaceDialog enterpriseId={enterpriseId} book={book} onClose={() => setDialog(null)} />}
    </Flex>
  );
}
