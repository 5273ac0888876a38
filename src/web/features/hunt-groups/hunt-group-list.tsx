// 代表グループ一覧 (features.md §8; M2 ch.4): search by name (前方一致 / 完全一致 / 部分一致), the list
// (name, 代表番号, スライドタイプ, スライドタイマ, 備考), 追加 / 編集 in a dialog (name 8021, pilot
// 8025–8027, schedule 8023, switching to or from 同報 8082 / 8083), 削除 (not with members: 8030).
import { EditOutlined } from "@ant-design/icons";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Select, Table, Typography, type TableProps } from "antd";
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
import { useHuntGroupTexts } from "./i18n";
import { SubscriberPicker } from "./subscriber-picker";
import { distributions, type Distribution, type HuntGroup, type HuntGroupBody, type HuntGroupSort } from "./types";

export const huntGroupKeys = {
  all: (eid: string) => ["hunt-groups", eid] as const,
  list: (eid: string, params: object) => ["hunt-groups", eid, "list", params] as const,
  one: (eid: string, id: number) => ["hunt-groups", eid, "one", id] as const,
  members: (eid: string, id: number) => ["hunt-groups", eid, "members", id] as const,
  names: (eid: string) => ["hunt-groups", eid, "names"] as const,
};

const sortKeys: readonly HuntGroupSort[] = ["name", "pilotSubscriberId", "distribution", "slideTimerSec"];

interface FormValues {
  name: string;
  pilotSubscriberId: string;
  distribution: Distribution;
  slideTimerSec: number;
  scheduleEnabled: boolean;
  scheduleId: number | undefined;
  memo: string;
}

function GroupDialog({ enterpriseId, group, onClose }: { enterpriseId: string; group: HuntGroup | null; onClose: () => void }) {
  const text = useHuntGroupTexts();
  const kit = useGroupKitTexts();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const scheduleEnabled = Form.useWatch("scheduleEnabled", form) ?? group?.schedule.enabled ?? false;
  const distribution = Form.useWatch("distribution", form) ?? group?.distribution ?? "sequential";
  const schedules = useQuery({
    // The same key as the forwarding screens' pull-down: the schedules screen refreshes both.
    queryKey: ["schedules", enterpriseId, "pulldown"],
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/schedules", { params: { path: { eid: enterpriseId }, query: { sort: "name", order: "asc", limit: 500 } } })),
  });
  const scheduleOptions = (schedules.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  const submit = useMutation({
    mutationFn: (values: FormValues) => {
      const body: HuntGroupBody = {
        name: values.name.trim(),
        pilotSubscriberId: values.pilotSubscriberId,
        distribution: values.distribution,
        slideTimerSec: values.slideTimerSec,
        schedule: { enabled: values.scheduleEnabled, scheduleId: values.scheduleId ?? null },
        memo: values.memo ?? "",
      };
      return group === null
        ? unwrap(api.POST("/api/v1/enterprises/{eid}/hunt-groups", { params: { path: { eid: enterpriseId } }, body }))
        : unwrap(api.PUT("/api/v1/enterprises/{eid}/hunt-groups/{id}", { params: { path: { eid: enterpriseId, id: group.id } }, headers: ifMatch(group.version), body }));
    },
    onSuccess: (saved) => {
      void message.success(group === null ? text("added", { name: saved.name }) : text("saved", { name: saved.name }));
      void queryClient.invalidateQueries({ queryKey: huntGroupKeys.all(enterpriseId) });
      void queryClient.invalidateQueries({ queryKey: ["subscribers", enterpriseId] });
      onClose();
    },
  });
  return (
    <Modal
      open
      width={640}
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
          name="hunt-group"
          initialValues={{
            name: group?.name ?? "",
            pilotSubscriberId: group?.pilotSubscriberId,
            distribution: group?.distribution ?? "sequential",
            slideTimerSec: group?.slideTimerSec ?? 15,
            scheduleEnabled: group?.schedule.enabled ?? false,
            scheduleId: group?.schedule.scheduleId ?? undefined,
            memo: group?.memo ?? "",
          }}
          onFinish={(values) => submit.mutate(values)}
        >
          <Form.Item name="name" label={text("name")} rules={[{ required: true, whitespace: true, message: text("nameRequired") }, { max: 64 }]}>
            <Input maxLength={64} autoFocus />
          </Form.Item>
          <Form.Item name="pilotSubscriberId" label={text("pilot")} rules={[{ required: true, message: text("pilotRequired") }]}>
            <SubscriberPicker enterpriseId={enterpriseId} placeholder={text("pilotPlaceholder")} />
          </Form.Item>
          <Form.Item name="distribution" label={text("distribution")} required extra={text(`distributionHelp.${distribution}`)}>
            <Select<Distribution> options={distributions.map((d) => ({ value: d, label: text(`distributions.${d}`) }))} style={{ width: 240 }} />
          </Form.Item>
          {group !== null && <Typography.Paragraph type="secondary">{text("switchNote")}</Typography.Paragraph>}
          <Form.Item
            name="slideTimerSec"
            label={text("slideTimer")}
            rules={[{ required: true, type: "integer", min: 1, max: 180, message: text("timerRange") }]}
          >
            <InputNumber min={1} max={180} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="scheduleEnabled" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{text("schedule")}</Checkbox>
          </Form.Item>
          <Form.Item
            name="scheduleId"
            label={text("scheduleName")}
            rules={[{ required: scheduleEnabled, message: text("scheduleRequired") }]}
          >
            <Select<number>
              allowClear
              disabled={!scheduleEnabled}
              loading={schedules.isFetching}
              options={scheduleOptions}
              placeholder={text("scheduleOff")}
              style={{ width: 320 }}
            />
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
        <ErrorAlert error={schedules.error} />
        <ErrorAlert error={submit.error} />
      </Flex>
    </Modal>
  );
}

export function HuntGroupList({ enterpriseId, hrefOf }: { enterpriseId: string; hrefOf: (id: number) => string }) {
  const text = useHuntGroupTexts();
  const kit = useGroupKitTexts();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useState<NameListParams<HuntGroupSort>>({ q: "", match: "prefix", sort: "name", order: "asc", offset: 0, limit: 50 });
  const [checked, setChecked] = useState<number[]>([]);
  const [failures, setFailures] = useState<DeleteFailure[]>([]);
  const [dialog, setDialog] = useState<{ group: HuntGroup | null } | null>(null);

  const groups = useQuery({
    queryKey: huntGroupKeys.list(enterpriseId, params),
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/hunt-groups", { params: { path: { eid: enterpriseId }, query: nameListQuery(params) } })),
    placeholderData: keepPreviousData,
  });
  const items = groups.data?.items ?? [];
  const pagination = useServerPagination(params, groups.data?.total, (page) => setParams((current) => ({ ...current, ...page })));

  const remove = useMutation({
    mutationFn: (targets: readonly HuntGroup[]) =>
      deleteEach(
        targets,
        (g) => g.name,
        (g) => unwrap(api.DELETE("/api/v1/enterprises/{eid}/hunt-groups/{id}", { params: { path: { eid: enterpriseId, id: g.id } } })),
      ),
    onSuccess: ({ deleted, failed }) => {
      setFailures(failed);
      setChecked([]);
      if (deleted > 0) void message.success(kit("deleted", { count: deleted }));
      void queryClient.invalidateQueries({ queryKey: huntGroupKeys.all(enterpriseId) });
      void queryClient.invalidateQueries({ queryKey: ["subscribers", enterpriseId] });
    },
  });

  const columns: TableProps<HuntGroup>["columns"] = [
    {
      title: text("name"),
      dataIndex: "name",
      key: "name",
      sorter: true,
      sortOrder: sortOrderOf(params.sort, params.order, "name"),
      render: (_value, group) => <Link to={hrefOf(group.id)}>{group.name}</Link>,
    },
    { title: text("pilot"), dataIndex: "pilotSubscriberId", key: "pilotSubscriberId", sorter: true, sortOrder: sortOrderOf(params.sort, params.order, "pilotSubscriberId") },
    {
      title: text("distribution"),
      dataIndex: "distribution",
      key: "distribution",
      sorter: true,
      sortOrder: sortOrderOf(params.sort, params.order, "distribution"),
      render: (d: Distribution) => text(`distributions.${d}`),
    },
    {
      title: text("slideTimer"),
      dataIndex: "slideTimerSec",
      key: "slideTimerSec",
      align: "right",
      sorter: true,
      sortOrder: sortOrderOf(params.sort, params.order, "slideTimerSec"),
    },
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
        inputId="hunt-group-search"
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
          <Table<HuntGroup>
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
