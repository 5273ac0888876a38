// グループ 検索 / 検索結果 (M1 5-2 グループ設定): search by name, 追加 (name unique: 8113),
// 名前変更, and 削除 of the checked groups after a confirmation (8114 while a group-admin
// account uses the group).
import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Flex, Form, Input, Modal, Table, Typography, type TableProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { lineIdsOf, useEnterpriseInfo } from "../../app/enterprise-scope";
import { ErrorAlert } from "../../app/error-alert";
import { MatchModeRadio, ResultCount, sortOrderOf, useServerPagination, type MatchMode, type SortOrder } from "../../app/list-controls";
import { useAdminGroupTexts } from "./i18n";
import type { AdminGroup } from "./types";

type SortKey = "name" | "id";

interface ListParams {
  q: string;
  match: MatchMode;
  sort: SortKey;
  order: SortOrder;
  offset: number;
  limit: number;
}

export const adminGroupKeys = {
  all: (enterpriseId: string) => ["admin-groups", enterpriseId] as const,
  list: (enterpriseId: string, params: object) => ["admin-groups", enterpriseId, "list", params] as const,
  one: (enterpriseId: string, id: number) => ["admin-groups", enterpriseId, "one", id] as const,
  members: (enterpriseId: string, id: number, params: object) => ["admin-groups", enterpriseId, "members", id, params] as const,
};

interface DeleteFailure {
  name: string;
  error: unknown;
}

/** 追加 or 名前変更: one name field; the server decides uniqueness (8113). */
function NameDialog({
  title,
  initialName,
  onSubmit,
  onClose,
}: {
  title: string;
  initialName: string;
  onSubmit: (name: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const text = useAdminGroupTexts();
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const submit = useMutation({ mutationFn: (name: string) => onSubmit(name), onSuccess: onClose });
  return (
    <Modal
      open
      title={title}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={submit.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{text("requiredNote")}</Typography.Text>
        <Form form={form} layout="vertical" initialValues={{ name: initialName }} onFinish={(values) => submit.mutate(values.name.trim())}>
          <Form.Item name="name" label={text("name")} rules={[{ required: true, whitespace: true, message: text("nameRequired") }]}>
            <Input maxLength={64} autoFocus />
          </Form.Item>
        </Form>
        <ErrorAlert error={submit.error} />
      </Flex>
    </Modal>
  );
}

export function AdminGroupList({ enterpriseId, linkTo }: { enterpriseId: string; linkTo: (id: number) => string }) {
  const text = useAdminGroupTexts();
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const enterprise = useEnterpriseInfo(enterpriseId);
  const [params, setParams] = useState<ListParams>({ q: "", match: "prefix", sort: "name", order: "asc", offset: 0, limit: 50 });
  const [draft, setDraft] = useState({ q: "", match: "prefix" as MatchMode });
  const [checked, setChecked] = useState<number[]>([]);
  const [failures, setFailures] = useState<DeleteFailure[]>([]);
  const [dialog, setDialog] = useState<{ kind: "add" } | { kind: "rename"; group: AdminGroup } | null>(null);

  const groups = useQuery({
    queryKey: adminGroupKeys.list(enterpriseId, params),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/enterprises/{eid}/admin-groups", {
          params: {
            path: { eid: enterpriseId },
            query: { ...(params.q ? { q: params.q, match: params.match } : {}), sort: params.sort, order: params.order, offset: params.offset, limit: params.limit },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const items = groups.data?.items ?? [];
  const pagination = useServerPagination(params, groups.data?.total, (page) => setParams((current) => ({ ...current, ...page })));
  const refresh = () => queryClient.invalidateQueries({ queryKey: adminGroupKeys.all(enterpriseId) });

  const remove = useMutation({
    mutationFn: async (targets: AdminGroup[]) => {
      const failed: DeleteFailure[] = [];
      let deleted = 0;
      for (const group of targets) {
        try {
          await unwrap(api.DELETE("/api/v1/enterprises/{eid}/admin-groups/{id}", { params: { path: { eid: enterpriseId, id: group.id } } }));
          deleted += 1;
        } catch (error) {
          failed.push({ name: group.name, error });
        }
      }
      return { deleted, failed };
    },
    onSuccess: ({ deleted, failed }) => {
      setFailures(failed);
      setChecked([]);
      if (deleted > 0) void message.success(text("deleted", { count: deleted }));
      void refresh();
    },
  });

  const confirmDelete = () => {
    const targets = items.filter((item) => checked.includes(item.id));
    if (targets.length === 0) return;
    modal.confirm({
      title: text("deleteConfirmTitle"),
      content: (
        <Flex vertical gap={8}>
          <span>{text("deleteConfirm", { count: targets.length })}</span>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {targets.map((target) => (
              <li key={target.id}>{target.name}</li>
            ))}
          </ul>
        </Flex>
      ),
      okText: t("common.remove"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () => remove.mutateAsync(targets),
    });
  };

  const columns: TableProps<AdminGroup>["columns"] = [
    {
      title: text("name"),
      dataIndex: "name",
      key: "name",
      sorter: true,
      sortOrder: sortOrderOf(params.sort, params.order, "name"),
      render: (_value, group) => <Link to={linkTo(group.id)}>{group.name}</Link>,
    },
    { title: text("enterpriseName"), key: "enterpriseName", render: () => enterprise.data?.name ?? "" },
    { title: text("enterpriseId"), dataIndex: "enterpriseId", key: "enterpriseId" },
    { title: text("lineIds"), key: "lineIds", render: () => lineIdsOf(enterprise.data) },
    { title: text("memberCount"), dataIndex: "memberCount", key: "memberCount", align: "right" },
    {
      title: text("actions"),
      key: "actions",
      render: (_value, group) => (
        <Button size="small" icon={<EditOutlined aria-hidden />} aria-label={`${text("rename")}: ${group.name}`} onClick={() => setDialog({ kind: "rename", group })}>
          {text("rename")}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card title={text("searchTitle")} size="small">
        <Form
          layout="inline"
          onFinish={() => {
            setChecked([]);
            setParams((current) => ({ ...current, q: draft.q.trim(), match: draft.match, offset: 0 }));
          }}
        >
          <Form.Item label={text("nameSearch")} htmlFor="admin-group-search-name">
            <Input id="admin-group-search-name" value={draft.q} allowClear style={{ width: 280 }} onChange={(event) => setDraft((d) => ({ ...d, q: event.target.value }))} />
          </Form.Item>
          <Form.Item>
            <MatchModeRadio value={draft.match} onChange={(match) => setDraft((d) => ({ ...d, match }))} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              {t("common.search")}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <section aria-label={text("resultTitle")}>
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <ResultCount total={groups.data?.total} />
            <Flex gap={8}>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: "add" })}>
                {t("common.add")}
              </Button>
              <Button danger icon={<DeleteOutlined aria-hidden />} disabled={checked.length === 0} loading={remove.isPending} onClick={confirmDelete}>
                {text("deleteChecked")}
              </Button>
            </Flex>
          </Flex>
          <ErrorAlert error={groups.error} />
          {failures.map((failure) => (
            <Flex key={failure.name} vertical gap={4}>
              <Typography.Text type="danger">{text("deleteFailed", { name: failure.name })}</Typography.Text>
              <ErrorAlert error={failure.error} />
            </Flex>
          ))}
          <Table<AdminGroup>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={groups.isFetching}
            locale={{ emptyText: text("empty") }}
            rowSelection={{
              selectedRowKeys: checked,
              onChange: (keys) => setChecked(keys.map(Number)),
              getCheckboxProps: (group) => ({ "aria-label": group.name }),
            }}
            sortDirections={["ascend", "descend"]}
            onChange={(_pagination, _filters, sorter, extra) => {
              if (extra.action !== "sort") return;
              const single = Array.isArray(sorter) ? sorter[0] : sorter;
              const sort: SortKey = single?.columnKey === "id" ? "id" : "name";
              const order: SortOrder = single?.order === "descend" ? "desc" : "asc";
              setParams((current) => (current.sort === sort && current.order === order ? current : { ...current, sort, order, offset: 0 }));
            }}
            pagination={pagination}
          />
        </Flex>
      </section>
      {dialog?.kind === "add" && (
        <NameDialog
          title={text("addTitle")}
          initialName=""
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            await unwrap(api.POST("/api/v1/enterprises/{eid}/admin-groups", { params: { path: { eid: enterpriseId } }, body: { name } }));
            void message.success(text("added", { name }));
            await refresh();
          }}
        />
      )}
      {dialog?.kind === "rename" && (
        <NameDialog
          title={text("renameTitle")}
          initialName={dialog.group.name}
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            await unwrap(
              api.PATCH("/api/v1/enterprises/{eid}/admin-groups/{id}", { params: { path: { eid: enterpriseId, id: dialog.group.id } }, body: { name } }),
            );
            void message.success(text("renamed"));
            await refresh();
          }}
        />
      )}
    </Flex>
  );
}
