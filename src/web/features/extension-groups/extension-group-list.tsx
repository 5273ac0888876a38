// 内線グループ一覧 (features.md §10; M2 ch.5): search by name, the list (name, 拠点番号, 外線プレフィックス
// "0", 備考, メンバ数), 追加 / 編集 in a dialog (name and site number unique: 8017 / 8018), and 削除
// of the checked groups (8122 while a group has members or a schedule uses it).
import { EditOutlined } from "@ant-design/icons";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Form, Input, Modal, Table, Typography, type TableProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { ResultCount, sortOrderOf, useServerPagination } from "../../app/list-controls";
import {
  DeleteFailures,
  GroupListActions,
  NameSearch,
  deleteEach,
  ifMatch,
  nameListQuery,
  sjisBytes,
  sortFrom,
  useGroupKitTexts,
  type DeleteFailure,
  type NameListParams,
} from "./group-kit";
import { useExtensionGroupTexts } from "./i18n";
import type { ExtensionGroup, ExtensionGroupBody, ExtensionGroupSort } from "./types";

export const extensionGroupKeys = {
  all: (eid: string) => ["extension-groups", eid] as const,
  list: (eid: string, params: object) => ["extension-groups", eid, "list", params] as const,
  one: (eid: string, id: number) => ["extension-groups", eid, "one", id] as const,
  members: (eid: string, id: number) => ["extension-groups", eid, "members", id] as const,
  names: (eid: string) => ["extension-groups", eid, "names"] as const,
};

const sortKeys: readonly ExtensionGroupSort[] = ["name", "siteNumber"];

interface FormValues {
  name: string;
  siteNumber: string;
  memo: string;
}

function GroupDialog({ enterpriseId, group, onClose }: { enterpriseId: string; group: ExtensionGroup | null; onClose: () => void }) {
  const text = useExtensionGroupTexts();
  const kit = useGroupKitTexts();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const submit = useMutation({
    mutationFn: (values: FormValues) => {
      const body: ExtensionGroupBody = { name: values.name.trim(), siteNumber: values.siteNumber.trim(), externalPrefix: "0", memo: values.memo ?? "" };
      return group === null
        ? unwrap(api.POST("/api/v1/enterprises/{eid}/extension-groups", { params: { path: { eid: enterpriseId } }, body }))
        : unwrap(
            api.PUT("/api/v1/enterprises/{eid}/extension-groups/{id}", {
              params: { path: { eid: enterpriseId, id: group.id } },
              headers: ifMatch(group.version),
              body,
            }),
          );
    },
    onSuccess: (saved) => {
      void message.success(group === null ? text("added", { name: saved.name }) : text("saved", { name: saved.name }));
      void queryClient.invalidateQueries({ queryKey: extensionGroupKeys.all(enterpriseId) });
      void queryClient.invalidateQueries({ queryKey: ["subscribers", enterpriseId] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={group === null ? text("addTitle") : text("editTitle")}
      okText={group === null ? t("common.add") : t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={submit.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{kit("requiredNote")}</Typography.Text>
        <Form<FormValues>
          form={form}
          layout="vertical"
          name="extension-group"
          initialValues={{ name: group?.name ?? "", siteNumber: group?.siteNumber ?? "", memo: group?.memo ?? "" }}
          onFinish={(values) => submit.mutate(values)}
        >
          <Form.Item name="name" label={text("name")} rules={[{ required: true, whitespace: true, message: text("nameRequired") }, { max: 64 }]}>
            <Input maxLength={64} autoFocus />
          </Form.Item>
          <Form.Item
            name="siteNumber"
            label={text("siteNumber")}
            rules={[
              { required: true, whitespace: true, message: text("siteRequired") },
              { pattern: /^\s*\d{1,8}\s*$/, message: text("siteFormat") },
            ]}
          >
            <Input inputMode="numeric" maxLength={8} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label={text("externalPrefix")} htmlFor="extension-group-prefix" extra={text("externalPrefixFixed")}>
            <Input id="extension-group-prefix" value="0" disabled style={{ width: 80 }} />
          </Form.Item>
          <Form.Item
            name="memo"
            label={kit("memo")}
            rules={[{ validator: async (_rule, value: string | undefined) => {
              if (sjisBytes(value ?? "") > 256) throw new Error(kit("memoTooLong"));
            } }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </Form>
        <ErrorAlert error={submit.error} />
      </Flex>
    </Modal>
  );
}

export function ExtensionGroupList({ enterpriseId, hrefOf }: { enterpriseId: string; hrefOf: (id: number) => string }) {
  const text = useExtensionGroupTexts();
  const kit = useGroupKitTexts();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useState<NameListParams<ExtensionGroupSort>>({ q: "", match: "prefix", sort: "name", order: "asc", offset: 0, limit: 50 });
  const [checked, setChecked] = useState<number[]>([]);
  const [failures, setFailures] = useState<DeleteFailure[]>([]);
  const [dialog, setDialog] = useState<{ group: ExtensionGroup | null } | null>(null);

  const groups = useQuery({
    queryKey: extensionGroupKeys.list(enterpriseId, params),
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/extension-groups", { params: { path: { eid: enterpriseId }, query: nameListQuery(params) } })),
    placeholderData: keepPreviousData,
  });
  const items = groups.data?.items ?? [];
  const pagination = useServerPagination(params, groups.data?.total, (page) => setParams((current) => ({ ...current, ...page })));

  const remove = useMutation({
    mutationFn: (targets: readonly ExtensionGroup[]) =>
      deleteEach(
        targets,
        (g) => g.name,
        (g) => unwrap(api.DELETE("/api/v1/enterprises/{eid}/extension-groups/{id}", { params: { path: { eid: enterpriseId, id: g.id } } })),
      ),
    onSuccess: ({ deleted, failed }) => {
      setFailures(failed);
      setChecked([]);
      if (deleted > 0) void message.success(kit("deleted", { count: deleted }));
      void queryClient.invalidateQueries({ queryKey: extensionGroupKeys.all(enterpriseId) });
    },
  });

  const columns: TableProps<ExtensionGroup>["columns"] = [
    {
      title: text("name"),
      dataIndex: "name",
      key: "name",
      sorter: true,
      sortOrder: sortOrderOf(params.sort, params.order, "name"),
      render: (_value, group) => <Link to={hrefOf(group.id)}>{group.name}</Link>,
    },
    { title: text("siteNumber"), dataIndex: "siteNumber", key: "siteNumber", sorter: true, sortOrder: sortOrderOf(params.sort, params.order, "siteNumber") },
    { title: text("externalPrefix"), dataIndex: "externalPrefix", key: "externalPrefix" },
    { title: kit("memo"), dataIndex: "memo", key: "memo", render: (memo: string) => <span style={{ whiteSpace: "pre-wrap" }}>{memo}</span> },
    { title: kit("memberCount"), dataIndex: "memberCount", key: "memberCount", align: "right" },
    {
      title: kit("actions"),
      key: "actions",
      render: (_value, group) => (
        <Flex gap={8}>
          <Button size="small" icon={<EditOutlined aria-hidden />} aria-label={`${kit("edit")}: ${group.name}`} onClick={() => setDialog({ group })}>
            {kit("edit")}
          </Button>
          <Link to={hrefOf(group.id)} aria-label={`${kit("members")}: ${group.name}`}>
            {kit("members")}
          </Link>
        </Flex>
      ),
    },
  ];

  const checkedGroups = items.filter((item) => checked.includes(item.id));
  return (
    <Flex vertical gap={16}>
      <NameSearch
        label={text("nameSearch")}
        inputId="extension-group-search"
        onSearch={(q, match) => {
          setChecked([]);
          setParams((current) => ({ ...current, q, match, offset: 0 }));
        }}
      />
      <section aria-label={text("resultTitle")}>
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <ResultCount total={groups.data?.total} />
            <GroupListActions
              checked={checkedGroups}
              nameOf={(g) => g.name}
              onAdd={() => setDialog({ group: null })}
              onDelete={(targets) => remove.mutateAsync(targets)}
              deleting={remove.isPending}
            />
          </Flex>
          <Typography.Text type="secondary">{text("deleteNote")}</Typography.Text>
          <ErrorAlert error={groups.error} />
          <DeleteFailures failures={failures} />
          <Table<ExtensionGroup>
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
              const { sort, order } = sortFrom(sorter, sortKeys, "name");
              setParams((current) => (current.sort === sort && current.order === order ? current : { ...current, sort, order, offset: 0 }));
            }}
            pagination={pagination}
          />
        </Flex>
      </section>
      {dialog && <GroupDialog enterpriseId={enterpriseId} group={dialog.group} onClose={() => setDialog(null)} />}
    </Flex>
  );
}
