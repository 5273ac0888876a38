// グループ設定 → 加入者 (M1 5-2 加入者IDの確認/追加/削除): show メンバ / 非メンバ / 両方, filter by
// subscriber ID (two fields; a number matching either is shown), check the numbers that belong
// to the group, 変更. Checks are kept across pages and filters until 変更, which replaces the
// group's member list with the stored members plus and minus what was (un)checked.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Flex, Form, Input, Radio, Table, Tag, Typography, type TableProps } from "antd";
import { useState } from "react";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { ResultCount, sortOrderOf, useServerPagination, type SortOrder } from "../../app/list-controls";
import { PageSpin } from "../../app/page-spin";
import { adminGroupKeys } from "./admin-group-list";
import { useAdminGroupTexts } from "./i18n";
import type { Member, Membership } from "./types";

type SortKey = "subscriberId" | "number" | "displayName";

interface MemberParams {
  membership: Membership;
  first: string;
  second: string;
  sort: SortKey;
  order: SortOrder;
  offset: number;
  limit: number;
}

/** Every stored member of the group (the member list is replaced as a whole on 変更). */
async function allMembers(enterpriseId: string, groupId: number): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await unwrap(
      api.GET("/api/v1/enterprises/{eid}/admin-groups/{id}/members", {
        params: { path: { eid: enterpriseId, id: groupId }, query: { membership: "member", offset, limit: 500 } },
      }),
    );
    ids.push(...page.items.map((item) => item.subscriberId));
    if (page.items.length === 0 || offset + page.items.length >= page.total) return ids;
  }
}

export function AdminGroupMembers({ enterpriseId, groupId }: { enterpriseId: string; groupId: number }) {
  const text = useAdminGroupTexts();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useState<MemberParams>({ membership: "member", first: "", second: "", sort: "subscriberId", order: "asc", offset: 0, limit: 50 });
  const [draft, setDraft] = useState({ membership: "member" as Membership, first: "", second: "" });
  /** subscriberId → member after 変更, for the numbers whose check differs from the stored membership. */
  const [changes, setChanges] = useState<Record<string, boolean>>({});

  const group = useQuery({
    queryKey: adminGroupKeys.one(enterpriseId, groupId),
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/admin-groups/{id}", { params: { path: { eid: enterpriseId, id: groupId } } })),
  });
  const filter = [params.first.trim(), params.second.trim()].filter(Boolean).join(" ");
  const members = useQuery({
    queryKey: adminGroupKeys.members(enterpriseId, groupId, params),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/enterprises/{eid}/admin-groups/{id}/members", {
          params: {
            path: { eid: enterpriseId, id: groupId },
            query: { membership: params.membership, ...(filter ? { q: filter } : {}), sort: params.sort, order: params.order, offset: params.offset, limit: params.limit },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  const save = useMutation({
    mutationFn: async () => {
      const stored = new Set(await allMembers(enterpriseId, groupId));
      for (const [id, member] of Object.entries(changes)) {
        if (member) stored.add(id);
        else stored.delete(id);
      }
      return unwrap(
        api.PUT("/api/v1/enterprises/{eid}/admin-groups/{id}/members", {
          params: { path: { eid: enterpriseId, id: groupId } },
          body: { subscriberIds: [...stored].sort() },
        }),
      );
    },
    onSuccess: (result) => {
      setChanges({});
      void message.success(text("members.saved", { count: result.subscriberIds.length }));
      void queryClient.invalidateQueries({ queryKey: adminGroupKeys.all(enterpriseId) });
    },
  });

  const pagination = useServerPagination(params, members.data?.total, (page) => setParams((current) => ({ ...current, ...page })));

  if (group.isPending) return <PageSpin />;
  if (group.isError) return <ErrorAlert error={group.error} />;

  const items = members.data?.items ?? [];
  const isChecked = (item: Member) => changes[item.subscriberId] ?? item.member;
  const setChecked = (targets: readonly Member[], checked: (item: Member) => boolean) =>
    setChanges((current) => {
      const next = { ...current };
      for (const item of targets) {
        const value = checked(item);
        if (value === item.member) delete next[item.subscriberId];
        else next[item.subscriberId] = value;
      }
      return next;
    });
  const pending = Object.keys(changes).length;

  const columns: TableProps<Member>["columns"] = [
    { title: text("members.subscriberId"), dataIndex: "subscriberId", key: "subscriberId", sorter: true, sortOrder: sortOrderOf(params.sort, params.order, "subscriberId") },
    { title: text("members.number"), dataIndex: "number", key: "number", sorter: true, sortOrder: sortOrderOf(params.sort, params.order, "number") },
    { title: text("members.displayName"), dataIndex: "displayName", key: "displayName", sorter: true, sortOrder: sortOrderOf(params.sort, params.order, "displayName") },
    {
      title: text("members.state"),
      key: "member",
      render: (_value, item) => (item.member ? <Tag color="blue">{text("members.isMember")}</Tag> : <Tag>{text("members.isNonMember")}</Tag>),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {text("members.heading", { name: group.data.name })}
      </Typography.Title>
      <Card title={text("members.title")} size="small">
        <Form
          layout="inline"
          onFinish={() => setParams((current) => ({ ...current, membership: draft.membership, first: draft.first, second: draft.second, offset: 0 }))}
        >
          <Form.Item label={text("members.membership")}>
            <Radio.Group
              aria-label={text("members.membership")}
              value={draft.membership}
              onChange={(event) => setDraft((d) => ({ ...d, membership: event.target.value as Membership }))}
              options={(["member", "nonMember", "all"] as const).map((value) => ({ value, label: text(`members.${value}`) }))}
            />
          </Form.Item>
          <Form.Item label={text("members.subscriberId1")} htmlFor="admin-group-member-id1">
            <Input id="admin-group-member-id1" value={draft.first} allowClear style={{ width: 160 }} onChange={(event) => setDraft((d) => ({ ...d, first: event.target.value }))} />
          </Form.Item>
          <Form.Item label={text("members.subscriberId2")} htmlFor="admin-group-member-id2">
            <Input id="admin-group-member-id2" value={draft.second} allowClear style={{ width: 160 }} onChange={(event) => setDraft((d) => ({ ...d, second: event.target.value }))} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              {text("members.show")}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">{text("members.filterHelp")}</Typography.Text>
      </Card>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <ResultCount total={members.data?.total} />
        <Flex gap={8}>
          <Button onClick={() => setChecked(items, () => true)} disabled={items.length === 0}>
            {text("members.checkAll")}
          </Button>
          <Button onClick={() => setChecked(items, () => false)} disabled={items.length === 0}>
            {text("members.uncheckAll")}
          </Button>
          <Button type="primary" loading={save.isPending} disabled={pending === 0} onClick={() => save.mutate()}>
            {text("members.change")}
          </Button>
        </Flex>
      </Flex>
      <Alert type={pending > 0 ? "warning" : "info"} showIcon title={pending > 0 ? text("members.pending", { count: pending }) : text("members.noPending")} />
      <ErrorAlert error={members.error ?? save.error} />
      <Table<Member>
        rowKey="subscriberId"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={members.isFetching}
        locale={{ emptyText: text("members.empty") }}
        rowSelection={{
          selectedRowKeys: items.filter(isChecked).map((item) => item.subscriberId),
          onChange: (keys) => setChecked(items, (item) => keys.includes(item.subscriberId)),
          getCheckboxProps: (item) => ({ "aria-label": text("members.selectRow", { id: item.subscriberId }) }),
        }}
        sortDirections={["ascend", "descend"]}
        onChange={(_pagination, _filters, sorter, extra) => {
          if (extra.action !== "sort") return;
          const single = Array.isArray(sorter) ? sorter[0] : sorter;
          const key = single?.columnKey;
          const sort: SortKey = key === "number" || key === "displayName" ? key : "subscriberId";
          const order: SortOrder = single?.order === "descend" ? "desc" : "asc";
          setParams((current) => (current.sort === sort && current.order === order ? current : { ...current, sort, order, offset: 0 }));
        }}
        pagination={pagination}
      />
    </Flex>
  );
}
