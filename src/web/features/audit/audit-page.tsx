// 操作履歴 (features.md §15): every change with who, when, from where, and before → after,
// newest first; filters 番号 (changes to a number), 利用者 (who made them) and a date range.
// Operators see every enterprise (and may narrow to one), enterprise admins their own.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Button, Card, DatePicker, Flex, Form, Input, Table, Tag, Typography, type TableProps } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { paths } from "../../api/schema";
import { EnterpriseSelect, useEnterpriseSelectLabel } from "../../app/enterprise-scope";
import { ErrorAlert } from "../../app/error-alert";
import { ResultCount, useServerPagination } from "../../app/list-controls";
import { useAccount } from "../../app/session";
import { fieldChanges, targetName } from "./audit-diff";
import { useAuditTexts } from "./i18n";

type AuditList = paths["/api/v1/audit"]["get"]["responses"][200]["content"]["application/json"];
type AuditEvent = AuditList["items"][number];

interface Filters {
  subscriberId: string;
  actor: string;
  period: [Dayjs | null, Dayjs | null] | null;
  enterpriseId: string | undefined;
}

interface Query {
  subscriberId?: string;
  actor?: string;
  from?: string;
  to?: string;
  enterpriseId?: string;
}

function queryOf(filters: Filters): Query {
  const [start, end] = filters.period ?? [null, null];
  return {
    ...(filters.subscriberId.trim() ? { subscriberId: filters.subscriberId.trim() } : {}),
    ...(filters.actor.trim() ? { actor: filters.actor.trim() } : {}),
    ...(start ? { from: start.startOf("day").toISOString() } : {}),
    // The whole last day: `to` is exclusive.
    ...(end ? { to: end.add(1, "day").startOf("day").toISOString() } : {}),
    ...(filters.enterpriseId ? { enterpriseId: filters.enterpriseId } : {}),
  };
}

const verbKeys = {
  create: "create",
  update: "update",
  delete: "delete",
  replace: "replace",
  "members.update": "membersUpdate",
  "password.set": "passwordSet",
  "password.change": "passwordChange",
  "callSettings.update": "callSettingsUpdate",
  "forwarding.update": "forwardingUpdate",
  apply: "apply",
} as const;

const targetKeys = [
  "account",
  "adminGroup",
  "apiToken",
  "bulletin",
  "enterprise",
  "extensionGroup",
  "forwardDestinations",
  "huntGroup",
  "notices",
  "operator",
  "pickupGroup",
  "schedule",
  "subscriber",
  "phonebook",
  "import",
  "session",
] as const;

type TargetKey = (typeof targetKeys)[number];
type RoleKey = "operator" | "enterpriseAdmin" | "groupAdmin" | "subscriber" | "system";

function isTarget(value: string): value is TargetKey {
  return (targetKeys as readonly string[]).includes(value);
}

function isRole(value: string): value is RoleKey {
  return ["operator", "enterpriseAdmin", "groupAdmin", "subscriber", "system"].includes(value);
}

function useLabels() {
  const text = useAuditTexts();
  const targetLabel = (type: string) => (isTarget(type) ? text(`targets.${type}`) : type);
  const actionLabel = (action: string) => {
    const dot = action.indexOf(".");
    const type = dot < 0 ? action : action.slice(0, dot);
    const verb = dot < 0 ? "" : action.slice(dot + 1);
    const verbKey = verbKeys[verb as keyof typeof verbKeys] as (typeof verbKeys)[keyof typeof verbKeys] | undefined;
    if (!isTarget(type) || verbKey === undefined) return action;
    return `${text(`targets.${type}`)} ${text(`verbs.${verbKey}`)}`;
  };
  const roleLabel = (role: string) => (isRole(role) ? text(`roles.${role}`) : role);
  return { targetLabel, actionLabel, roleLabel };
}

function Changes({ event }: { event: AuditEvent }) {
  const text = useAuditTexts();
  const changes = fieldChanges(event.before, event.after);
  if (changes.length === 0) return <Typography.Text type="secondary">{text("diff.none")}</Typography.Text>;
  const value = (v: string | undefined) => (v === undefined ? <Typography.Text type="secondary">{text("diff.empty")}</Typography.Text> : v);
  return (
    <Table
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={changes}
      style={{ maxWidth: 960 }}
      columns={[
        { title: text("diff.field"), dataIndex: "field", key: "field", width: 260, render: (field: string) => <code>{field}</code> },
        { title: text("diff.before"), key: "before", render: (_v, change) => <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{value(change.before)}</span> },
        { title: "→", key: "arrow", width: 32, render: () => "→" },
        { title: text("diff.after"), key: "after", render: (_v, change) => <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{value(change.after)}</span> },
      ]}
    />
  );
}

export function AuditPage() {
  const text = useAuditTexts();
  const { t, i18n } = useTranslation();
  const account = useAccount();
  const operator = account.role === "operator";
  const labels = useLabels();
  const enterpriseLabel = useEnterpriseSelectLabel();
  const emptyFilters: Filters = { subscriberId: "", actor: "", period: null, enterpriseId: undefined };
  const [draft, setDraft] = useState<Filters>(emptyFilters);
  const [query, setQuery] = useState<Query>({});
  const [page, setPage] = useState({ offset: 0, limit: 50 });

  const events = useQuery({
    queryKey: ["audit", account.enterpriseId ?? "*", query, page],
    queryFn: () => {
      if (operator) return unwrap(api.GET("/api/v1/audit", { params: { query: { ...query, ...page } } }));
      const { enterpriseId: _ignored, ...own } = query;
      return unwrap(
        api.GET("/api/v1/enterprises/{eid}/audit", { params: { path: { eid: account.enterpriseId ?? "" }, query: { ...own, ...page } } }),
      );
    },
    placeholderData: keepPreviousData,
  });
  const pagination = useServerPagination(page, events.data?.total, setPage);

  const locale = i18n.resolvedLanguage === "en" ? "en-US" : "ja-JP";
  const format = new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });

  const columns: TableProps<AuditEvent>["columns"] = [
    { title: text("columns.at"), dataIndex: "at", key: "at", width: 190, render: (at: string) => <time dateTime={at}>{format.format(new Date(at))}</time> },
    ...(operator ? [{ title: text("columns.enterprise"), dataIndex: "enterpriseId", key: "enterpriseId", render: (id: string | null) => id ?? "" }] : []),
    {
      title: text("columns.actor"),
      key: "actor",
      render: (_v, event) => (
        <Flex gap={6} align="center" wrap>
          <span>{event.actor.id}</span>
          <Tag>{labels.roleLabel(event.actor.role)}</Tag>
        </Flex>
      ),
    },
    { title: text("columns.action"), dataIndex: "action", key: "action", render: (action: string) => labels.actionLabel(action) },
    {
      title: text("columns.target"),
      key: "target",
      render: (_v, event) => {
        const name = targetName(event.before, event.after);
        const id = event.target.id;
        return `${labels.targetLabel(event.target.type)} ${name && name !== id ? `${name} (${id})` : id}`;
      },
    },
    { title: text("columns.ip"), dataIndex: "ip", key: "ip" },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {text("heading")}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {text("help")}
      </Typography.Paragraph>
      <Card title={text("searchTitle")} size="small">
        <Form
          layout="inline"
          onFinish={() => {
            setQuery(queryOf(draft));
            setPage((current) => ({ ...current, offset: 0 }));
          }}
        >
          {operator && (
            <Form.Item label={enterpriseLabel}>
              <EnterpriseSelect bare allowAll value={draft.enterpriseId} onChange={(enterpriseId) => setDraft((d) => ({ ...d, enterpriseId }))} />
            </Form.Item>
          )}
          <Form.Item label={text("subscriberId")} htmlFor="audit-subscriber">
            <Input id="audit-subscriber" value={draft.subscriberId} allowClear style={{ width: 160 }} onChange={(e) => setDraft((d) => ({ ...d, subscriberId: e.target.value }))} />
          </Form.Item>
          <Form.Item label={text("actor")} htmlFor="audit-actor" tooltip={text("actorHelp")}>
            <Input id="audit-actor" value={draft.actor} allowClear style={{ width: 180 }} onChange={(e) => setDraft((d) => ({ ...d, actor: e.target.value }))} />
          </Form.Item>
          <Form.Item label={text("period")}>
            <DatePicker.RangePicker
              aria-label={text("period")}
              value={draft.period}
              format="YYYY-MM-DD"
              placeholder={[text("periodStart"), text("periodEnd")]}
              allowEmpty={[true, true]}
              onChange={(period) => setDraft((d) => ({ ...d, period }))}
            />
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
          <ResultCount total={events.data?.total} />
          <ErrorAlert error={events.error} />
          <Table<AuditEvent>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={events.data?.items ?? []}
            loading={events.isFetching}
            locale={{ emptyText: text("empty") }}
            expandable={{ expandedRowRender: (event) => <Changes event={event} />, columnTitle: "", expandRowByClick: false }}
            pagination={pagination}
          />
        </Flex>
      </section>
    </Flex>
  );
}
