// 時間帯転送 検索 / 検索結果 (M1 5-2): search by name, the schedules of the enterprise, 追加, and
// 削除 of the checked rows after a confirmation; a schedule still used by a number or a hunt
// group is refused with 8122, whose message names who uses it.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Flex, Form, Input, Table, Typography, type TableProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { lineIdsOf, useEnterpriseInfo } from "../../app/enterprise-scope";
import { ErrorAlert } from "../../app/error-alert";
import { MatchModeRadio, ResultCount, sortOrderOf, useServerPagination, type MatchMode, type SortOrder } from "../../app/list-controls";
import { useScheduleTexts } from "./i18n";
import type { Schedule } from "./types";

interface ListParams {
  q: string;
  match: MatchMode;
  order: SortOrder;
  offset: number;
  limit: number;
}

export const scheduleKeys = {
  all: (enterpriseId: string) => ["schedules", enterpriseId] as const,
  list: (enterpriseId: string, params: ListParams) => ["schedules", enterpriseId, "list", params] as const,
  one: (enterpriseId: string, id: number) => ["schedules", enterpriseId, "one", id] as const,
  preview: (enterpriseId: string, id: number, from: string) => ["schedules", enterpriseId, "preview", id, from] as const,
};

interface DeleteFailure {
  name: string;
  error: unknown;
}

export function ScheduleList({ enterpriseId, linkTo, onAdd }: { enterpriseId: string; linkTo: (id: number) => string; onAdd: () => void }) {
  const text = useScheduleTexts();
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useState<ListParams>({ q: "", match: "prefix", order: "asc", offset: 0, limit: 50 });
  const [draft, setDraft] = useState({ q: "", match: "prefix" as MatchMode });
  const [checked, setChecked] = useState<number[]>([]);
  const [failures, setFailures] = useState<DeleteFailure[]>([]);
  const enterprise = useEnterpriseInfo(enterpriseId);

  const schedules = useQuery({
    queryKey: scheduleKeys.list(enterpriseId, params),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/enterprises/{eid}/schedules", {
          params: {
            path: { eid: enterpriseId },
            query: { ...(params.q ? { q: params.q, match: params.match } : {}), sort: "name", order: params.order, offset: params.offset, limit: params.limit },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  const remove = useMutation({
    mutationFn: async (targets: Schedule[]) => {
      const failed: DeleteFailure[] = [];
      let deleted = 0;
      for (const schedule of targets) {
        try {
          await unwrap(api.DELETE("/api/v1/enterprises/{eid}/schedules/{id}", { params: { path: { eid: enterpriseId, id: schedule.id } } }));
          deleted += 1;
        } catch (error) {
          failed.push({ name: schedule.name, error });
        }
      }
      return { deleted, failed };
    },
    onSuccess: ({ deleted, failed }) => {
      setFailures(failed);
      setChecked([]);
      if (deleted > 0) void message.success(text("deleted", { count: deleted }));
      void queryClient.invalidateQueries({ queryKey: scheduleKeys.all(enterpriseId) });
    },
  });

  const items = schedules.data?.items ?? [];
  const pagination = useServerPagination(params, schedules.data?.total, (page) => setParams((current) => ({ ...current, ...page })));

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

  const columns: TableProps<Schedule>["columns"] = [
    {
      title: text("name"),
      dataIndex: "name",
      key: "name",
      sorter: true,
      sortOrder: sortOrderOf("name", params.order, "name"),
      render: (_value, schedule) => <Link to={linkTo(schedule.id)}>{schedule.name}</Link>,
    },
    { title: text("enterpriseName"), key: "enterpriseName", render: () => enterprise.data?.name ?? "" },
    { title: text("enterpriseId"), dataIndex: "enterpriseId", key: "enterpriseId" },
    { title: text("lineIds"), key: "lineIds", render: () => lineIdsOf(enterprise.data) },
    { title: text("ruleCount"), key: "rules", align: "right", render: (_value, schedule) => schedule.rules.length },
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
          <Form.Item label={text("nameSearch")} htmlFor="schedule-search-name">
            <Input id="schedule-search-name" value={draft.q} onChange={(event) => setDraft((d) => ({ ...d, q: event.target.value }))} allowClear style={{ width: 280 }} />
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
            <ResultCount total={schedules.data?.total} />
            <Flex gap={8}>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={onAdd}>
                {t("common.add")}
              </Button>
              <Button danger icon={<DeleteOutlined aria-hidden />} disabled={checked.length === 0} loading={remove.isPending} onClick={confirmDelete}>
                {text("deleteChecked")}
              </Button>
            </Flex>
          </Flex>
          <ErrorAlert error={schedules.error} />
          {failures.map((failure) => (
            <Flex key={failure.name} vertical gap={4}>
              <Typography.Text type="danger">{text("deleteFailed", { name: failure.name })}</Typography.Text>
              <ErrorAlert error={failure.error} />
            </Flex>
          ))}
          <Table<Schedule>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={schedules.isFetching}
            locale={{ emptyText: text("empty") }}
            rowSelection={{
              selectedRowKeys: checked,
              onChange: (keys) => setChecked(keys.map(Number)),
              getCheckboxProps: (schedule) => ({ "aria-label": schedule.name }),
            }}
            sortDirections={["ascend", "descend"]}
            onChange={(_pagination, _filters, sorter, extra) => {
              if (extra.action !== "sort") return;
              const single = Array.isArray(sorter) ? sorter[0] : sorter;
              const order: SortOrder = single?.order === "descend" ? "desc" : "asc";
              setParams((current) => (current.order === order ? current : { ...current, order, offset: 0 }));
            }}
            pagination={pagination}
          />
        </Flex>
      </section>
    </Flex>
  );
}
