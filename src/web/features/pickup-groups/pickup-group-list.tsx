// ピックアップグループ一覧 (features.md §11; M2 ch.6): search by name, the list (name, ピックアップグループ
// 番号, サイト名, 備考), 追加 / 編集 in a dialog (name, or number + site, unique: 8043 / 8044; the site
// of a new group is the fixed initial value; a group with members keeps its site: 8081), 削除 (not
// with members: 8046).
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
} from "../extension-groups/group-kit";
import { usePickupGroupTexts } from "./i18n";
import { initialSite, type PickupGroup, type PickupGroupBody, type PickupGroupSort } from "./types";

export const pickupGroupKeys = {
  all: (eid: string) => ["pickup-groups", eid] as const,
  list: (eid: string, params: object) => ["pickup-groups", eid, "list", params] as const,
  one: (eid: string, id: number) => ["pickup-groups", eid, "one", id] as const,
  members: (eid: string, id: number) => ["pickup-groups", eid, "members", id] as const,
  names: (eid: string) => ["pickup-groups", eid, "names"] as const,
};

const sortKeys: readonly PickupGroupSort[] = ["name", "number", "site"];

interface FormValues {
  name: string;
  number: string;
  site: string;
  memo: string;
}

function GroupDialog({ enterpriseId, group, onClose }: { enterpriseId: string; group: PickupGroup | null; onClose: () => void }) {
  const text = usePickupGroupTexts();
  const kit = useGroupKitTexts();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const submit = useMutation({
    mutationFn: (values: FormValues) => {
      const body: PickupGroupBody = {
        name: values.name.trim(),
        number: values.number.trim(),
        // A new group gets the initial site from the server; an edit sends the site shown.
        ...(group === null ? {} : { site: values.site.trim() }),
        memo: values.memo ?? "",
      };
      return group === null
        ? unwrap(api.POST("/api/v1/enterprises/{eid}/pickup-groups", { params: { path: { eid: enterpriseId } }, body }))
        : unwrap(api.PUT("/api/v1/enterprises/{eid}/pickup-groups/{id}", { params: { path: { eid: enterpriseId, id: group.id } }, headers: ifMatch(group.version), body }));
    },
    onSuccess: (saved) => {
      void message.success(group === null ? text("added", { name: saved.name }) : text("saved", { name: saved.name }));
      void queryClient.invalidateQueries({ queryKey: pickupGroupKeys.all(enterpriseId) });
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
          name="pickup-group"
          initialValues={{ name: group?.name ?? "", number: group?.number ?? "", site: group?.site ?? initialSite, memo: group?.memo ?? "" }}
          onFinish={(values) => submit.mutate(values)}
        >
          <Form.Item name="name" label={text("name")} rules={[{ required: true, whitespace: true, message: text("nameRequired") }, { max: 64 }]}>
            <Input maxLength={64} autoFocus />
          </Form.Item>
          <Form.Item
            name="number"
            label={text("number")}
            rules={[
              { required: true, whitespace: true, message: text("numberRequired") },
              { pattern: /^\s*\d{1,8}\s*$/, message: text("numberFormat") },
            ]}
          >
            <Input inputMode="numeric" maxLength={8} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            name="site"
            label={text("site")}
            extra={group === null ? text("siteFixed") : group.memberCount > 0 ? text("siteWithMembers") : undefined}
            rules={[{ required: true, whitespace: true }, { max: 64 }]}
          >
            <Input disabled={group === null} maxLength={64} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item
            name="memo"
            label={kit("memo")}
            rules={[
              {
                validator: async (_rule, value: string | undefined) => {
                  if (sjisBytes(value ?? "") > 256) throw new Error(kit("memoTooLong"));
                },
              },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </Form>
        <ErrorAlert error={submit.error} />
      </Flex>
    </Modal>
  );
}

export function PickupGroupList({ enterpriseId, hrefOf }: { enterpriseId: string; hrefOf: (id: number) => string }) {
  const text = usePickupGroupTexts();
  const kit = useGroupKitTexts();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useState<NameListParams<PickupGroupSort>>({ q: "", match: "prefix", sort: "name", order: "asc", offset: 0, limit: 50 });
  const [checked, setChecked] = useState<number[]>([]);
  const [failures, setFailures] = useState<DeleteFailure[]>([]);
  const [dialog, setDialog] = useState<{ group: PickupGroup | null } | null>(null);

  const groups = useQuery({
    queryKey: pickupGroupKeys.list(enterpriseId, params),
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/pickup-groups", { params: { path: { eid: enterpriseId }, query: nameListQuery(params) } })),
    placeholderData: keepPreviousData,
  });
  const items = groups.data?.items ?? [];
  const pagination = useServerPagination(params, groups.data?.total, (page) => setParams((current) => ({ ...current, ...page })));

  const remove = useMutation({
    mutationFn: (targets: readonly PickupGroup[]) =>
      deleteEach(
        targets,
        (g) => g.name,
        (g) => unwrap(api.DELETE("/api/v1/enterprises/{eid}/pickup-groups/{id}", { params: { path: { eid: enterpriseId, id: g.id } } })),
      ),
    onSuccess: ({ deleted, failed }) => {
      setFailures(failed);
      setChecked([]);
      if (deleted > 0) void message.success(kit("deleted", { count: deleted }));
      void queryClient.invalidateQueries({ queryKey: pickupGroupKeys.all(enterpriseId) });
    },
  });

  const columns: TableProps<PickupGroup>["columns"] = [
    {
      title: text("name"),
      dataIndex: "name",
      key: "name",
      sorter: true,
      sortOrder: sortOrderOf(params.sort, params.order, "name"),
      render: (_value, group) => <Link to={hrefOf(group.id)}>{group.name}</Link>,
    },
    { title: text("number"), dataIndex: "number", key: "number", sorter: true, sortOrder: sortOrderOf(params.sort, params.order, "number") },
    { title: text("site"), dataIndex: "site", key: "site", sorter: true, sortOrder: sortOrderOf(params.sort, params.order, "site") },
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

  return (
    <Flex vertical gap={16}>
      <NameSearch
        label={text("nameSearch")}
        inputId="pickup-group-search"
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
              checked={items.filter((item) => checked.includes(item.id))}
              nameOf={(g) => g.name}
              onAdd={() => setDialog({ group: null })}
              onDelete={(targets) => remove.mutateAsync(targets)}
              deleting={remove.isPending}
            />
          </Flex>
          <Typography.Text type="secondary">{text("deleteNote")}</Typography.Text>
          <ErrorAlert error={groups.error} />
          <DeleteFailures failures={failures} />
          <Table<PickupGroup>
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
