// The メンバ設定 screen of a group (M2 ch.4–7): show メンバ / 非メンバ / 両方, filter by subscriber ID,
// number or name, check the numbers that belong to the group and — for extension and hunt groups —
// give each its extension or 着信順序, then 変更. Checks and values are kept across pages and
// filters until 変更, which replaces the group's members with the stored ones plus and minus what
// was changed (the API replaces the whole list). A refused row is marked where the error points.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Flex, Form, Input, Radio, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useState, type ReactNode } from "react";
import { ApiError } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { ResultCount, sortOrderOf, useServerPagination, type SortOrder } from "../../app/list-controls";
import { featureTexts } from "../../i18n/feature-texts";
import { sortFrom, type Membership } from "./group-kit";

const useTexts = featureTexts(
  "groupMembers",
  {
    title: "メンバ / 非メンバの表示",
    membership: "表示対象",
    member: "メンバ",
    nonMember: "非メンバ",
    all: "両方",
    filter: "絞り込み",
    filterHelp: "加入者ID・外線番号・表示名称のいずれかに含まれる文字で絞り込みます。",
    show: "表示",
    subscriberId: "加入者ID",
    number: "外線番号",
    displayName: "表示名称",
    state: "現在",
    isMember: "メンバ",
    isNonMember: "非メンバ",
    change: "変更",
    discard: "変更を取り消す",
    pending: "未反映の変更: {{count}}件(「変更」で反映されます)",
    noPending: "メンバにする番号にチェックを付け、「変更」で反映します。",
    saved: "メンバを変更しました(メンバ {{count}}件)。",
    empty: "該当する番号はありません。",
    selectRow: "{{id}} をメンバにする",
    valueOf: "{{id}} の{{label}}",
    valueRequired: "チェックした番号の{{label}}を半角数字で入力してください: {{ids}}",
    invalidRows: "エラーの行: {{ids}}",
  },
  {
    title: "Members / non-members",
    membership: "Show",
    member: "Members",
    nonMember: "Non-members",
    all: "Both",
    filter: "Filter",
    filterHelp: "Matches text in the subscriber ID, the number or the display name.",
    show: "Show",
    subscriberId: "Subscriber ID",
    number: "Number",
    displayName: "Display name",
    state: "Now",
    isMember: "Member",
    isNonMember: "Non-member",
    change: "Change",
    discard: "Discard changes",
    pending: "Changes not applied yet: {{count}} (Change applies them)",
    noPending: "Check the numbers that belong to the group; Change applies it.",
    saved: "The members have been changed ({{count}} members).",
    empty: "No numbers found.",
    selectRow: "Make {{id}} a member",
    valueOf: "{{label}} of {{id}}",
    valueRequired: "Enter the {{label}} of the checked numbers in digits: {{ids}}",
    invalidRows: "Rows with errors: {{ids}}",
  },
);

export interface MemberItem {
  subscriberId: string;
  number: string;
  displayName: string;
  member: boolean;
}

export interface MemberParams<S extends string> {
  membership: Membership;
  q: string;
  sort: S;
  order: SortOrder;
  offset: number;
  limit: number;
}

export interface MemberEntry {
  subscriberId: string;
  /** The extension or the order; "" when the group has no value per member or none was typed. */
  value: string;
}

/** A value each member carries (内線番号, 着信順序). */
export interface MemberValue<I> {
  label: string;
  of: (item: I) => string;
  /** Required before 変更 (checked locally); otherwise the server decides (8012). */
  required?: boolean;
  /** The form a required value must have (checked locally with `required`). */
  pattern?: RegExp;
  inputMode?: "numeric";
  maxLength: number;
  /** The list's sort key of this column, when the list sorts by it. */
  sortKey?: string;
  /** The value proposed when a number is checked (the next free order…). */
  suggest?: (entries: readonly MemberEntry[]) => string;
}

interface Change {
  member: boolean;
  value: string;
}

/** Reads every stored member, 500 at a time. */
export async function readAll<I>(page: (offset: number, limit: number) => Promise<{ total: number; items: I[] }>): Promise<I[]> {
  const all: I[] = [];
  for (let offset = 0; ; offset += 500) {
    const answer = await page(offset, 500);
    all.push(...answer.items);
    if (answer.items.length === 0 || offset + answer.items.length >= answer.total) return all;
  }
}

/** The subscribers a refused 変更 points at: `field` "3.extension" is the 4th row sent; details may list more. */
function rowsOf(error: unknown, sent: readonly MemberEntry[]): string[] {
  if (!(error instanceof ApiError)) return [];
  const ids = new Set<string>();
  const index = /^(\d+)\./.exec(error.field ?? "");
  if (index) {
    const entry = sent[Number(index[1])];
    if (entry) ids.add(entry.subscriberId);
  }
  const details = (typeof error.details === "object" && error.details !== null ? error.details : {}) as Record<string, unknown>;
  if (Array.isArray(details.members)) {
    for (const m of details.members as unknown[]) {
      const id = typeof m === "object" && m !== null ? (m as { subscriberId?: unknown }).subscriberId : undefined;
      if (typeof id === "string") ids.add(id);
    }
  }
  if (Array.isArray(details.subscriberIds)) for (const id of details.subscriberIds as unknown[]) if (typeof id === "string") ids.add(id);
  return [...ids];
}

export function MemberEditor<I extends MemberItem, S extends string, R>({
  queryKey,
  invalidateKey,
  fetchPage,
  fetchMembers,
  sortKeys,
  defaultSort,
  value,
  extraColumns = [],
  save,
  savedCount,
  afterSave,
  note,
}: {
  /** Prefix of this group's member queries. */
  queryKey: readonly unknown[];
  /** What to refresh after 変更 (the group lists, the subscriber screens). */
  invalidateKey: readonly (readonly unknown[])[];
  fetchPage: (params: MemberParams<S>) => Promise<{ total: number; items: I[] }>;
  fetchMembers: () => Promise<I[]>;
  sortKeys: readonly S[];
  defaultSort: S;
  value?: MemberValue<I>;
  extraColumns?: TableColumnsType<I>;
  save: (entries: MemberEntry[]) => Promise<R>;
  savedCount: (result: R) => number;
  /** What the answer of 変更 says beyond the count (adjusted forwarding…). */
  afterSave?: (result: R) => ReactNode;
  note?: ReactNode;
}) {
  const text = useTexts();
  const queryClient = useQueryClient();
  const [params, setParams] = useState<MemberParams<S>>({ membership: "member", q: "", sort: defaultSort, order: "asc", offset: 0, limit: 50 });
  const [draft, setDraft] = useState({ membership: "member" as Membership, q: "" });
  const [changes, setChanges] = useState<Record<string, Change>>({});
  const [invalid, setInvalid] = useState<string[]>([]);
  const [missing, setMissing] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<{ count: number; extra: ReactNode } | null>(null);

  const page = useQuery({
    queryKey: [...queryKey, "page", params],
    queryFn: () => fetchPage(params),
    placeholderData: keepPreviousData,
  });
  const stored = useQuery({ queryKey: [...queryKey, "stored"], queryFn: fetchMembers });

  /** Stored members with the pending changes applied: what 変更 sends. */
  const entriesAfter = (members: readonly I[]): MemberEntry[] => {
    const byId = new Map<string, MemberEntry>(members.map((m) => [m.subscriberId, { subscriberId: m.subscriberId, value: value?.of(m) ?? "" }]));
    for (const [id, change] of Object.entries(changes)) {
      if (change.member) byId.set(id, { subscriberId: id, value: change.value.trim() });
      else byId.delete(id);
    }
    return [...byId.values()];
  };

  const submit = useMutation({
    mutationFn: async () => {
      const entries = entriesAfter(await fetchMembers());
      if (value?.required) {
        const pattern = value.pattern;
        const empty = entries.filter((entry) => entry.value === "" || (pattern !== undefined && !pattern.test(entry.value))).map((entry) => entry.subscriberId);
        if (empty.length > 0) {
          setMissing(empty);
          return undefined;
        }
      }
      setMissing([]);
      try {
        return { result: await save(entries), entries };
      } catch (error) {
        setInvalid(rowsOf(error, entries));
        throw error;
      }
    },
    onSuccess: (answer) => {
      if (!answer) return;
      setChanges({});
      setInvalid([]);
      setOutcome({ count: savedCount(answer.result), extra: afterSave?.(answer.result) ?? null });
      for (const key of [queryKey, ...invalidateKey]) void queryClient.invalidateQueries({ queryKey: key });
    },
  });

  const pagination = useServerPagination(params, page.data?.total, (next) => setParams((current) => ({ ...current, ...next })));
  const items = page.data?.items ?? [];
  const isChecked = (item: I) => changes[item.subscriberId]?.member ?? item.member;
  const valueOf = (item: I) => changes[item.subscriberId]?.value ?? (value?.of(item) || "");
  const pending = Object.keys(changes).length;

  const setChange = (item: I, next: Change) =>
    setChanges((current) => {
      const copy = { ...current };
      const same = next.member === item.member && (!next.member || next.value === (value?.of(item) ?? ""));
      if (same) delete copy[item.subscriberId];
      else copy[item.subscriberId] = next;
      return copy;
    });

  const check = (targets: readonly I[], checked: (item: I) => boolean) => {
    setOutcome(null);
    // Suggestions count the members so far and every number checked before this one.
    const known: MemberEntry[] = stored.data ? entriesAfter(stored.data) : [];
    for (const item of targets) {
      const member = checked(item);
      if (member === isChecked(item)) continue;
      let current = valueOf(item);
      if (member && current === "" && value?.suggest) {
        current = value.suggest(known);
        known.push({ subscriberId: item.subscriberId, value: current });
      }
      setChange(item, { member, value: current });
    }
  };

  const marked = new Set([...invalid, ...missing]);
  const columns: TableColumnsType<I> = [
    ...(value
      ? [
          {
            title: `${value.label}${value.required ? " *" : ""}`,
            key: value.sortKey ?? "value",
            width: 160,
            render: (_v: unknown, item: I) => (
              <Input
                aria-label={text("valueOf", { id: item.subscriberId, label: value.label })}
                value={valueOf(item)}
                disabled={!isChecked(item)}
                status={marked.has(item.subscriberId) ? "error" : undefined}
                inputMode={value.inputMode}
                maxLength={value.maxLength}
                style={{ width: 120 }}
                onChange={(event) => {
                  setOutcome(null);
                  setChange(item, { member: true, value: event.target.value });
                }}
              />
            ),
            ...(value.sortKey ? { sorter: true, sortOrder: sortOrderOf(params.sort, params.order, value.sortKey as S) } : {}),
          },
        ]
      : []),
    { title: text("subscriberId"), dataIndex: "subscriberId", key: "subscriberId", sorter: true, sortOrder: sortOrderOf(params.sort, params.order, "subscriberId" as S) },
    { title: text("number"), dataIndex: "number", key: "number", sorter: true, sortOrder: sortOrderOf(params.sort, params.order, "number" as S) },
    { title: text("displayName"), dataIndex: "displayName", key: "displayName", sorter: true, sortOrder: sortOrderOf(params.sort, params.order, "displayName" as S) },
    ...extraColumns,
    {
      title: text("state"),
      key: "member",
      render: (_v, item) => (item.member ? <Tag color="blue">{text("isMember")}</Tag> : <Tag>{text("isNonMember")}</Tag>),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card title={text("title")} size="small">
        <Form
          layout="inline"
          onFinish={() => setParams((current) => ({ ...current, membership: draft.membership, q: draft.q.trim(), offset: 0 }))}
        >
          <Form.Item label={text("membership")}>
            <Radio.Group
              aria-label={text("membership")}
              value={draft.membership}
              onChange={(event) => setDraft((d) => ({ ...d, membership: event.target.value as Membership }))}
              options={(["member", "nonMember", "all"] as const).map((option) => ({ value: option, label: text(option) }))}
            />
          </Form.Item>
          <Form.Item label={text("filter")} htmlFor="group-member-filter">
            <Input id="group-member-filter" value={draft.q} allowClear style={{ width: 220 }} onChange={(event) => setDraft((d) => ({ ...d, q: event.target.value }))} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              {text("show")}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">{text("filterHelp")}</Typography.Text>
      </Card>
      {note}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <ResultCount total={page.data?.total} />
        <Flex gap={8}>
          <Button
            disabled={pending === 0}
            onClick={() => {
              setChanges({});
              setInvalid([]);
              setMissing([]);
              submit.reset();
            }}
          >
            {text("discard")}
          </Button>
          <Button type="primary" loading={submit.isPending} disabled={pending === 0} onClick={() => submit.mutate()}>
            {text("change")}
          </Button>
        </Flex>
      </Flex>
      {outcome ? (
        <Alert
          type="success"
          showIcon
          title={text("saved", { count: outcome.count })}
          description={outcome.extra}
          closable={{ onClose: () => setOutcome(null) }}
        />
      ) : (
        <Alert type={pending > 0 ? "warning" : "info"} showIcon title={pending > 0 ? text("pending", { count: pending }) : text("noPending")} />
      )}
      {missing.length > 0 && value && <Alert type="error" showIcon role="alert" title={text("valueRequired", { label: value.label, ids: missing.join(", ") })} />}
      <ErrorAlert error={page.error ?? stored.error} />
      {submit.error && (
        <Flex vertical gap={4}>
          <ErrorAlert error={submit.error} />
          {invalid.length > 0 && <Typography.Text type="danger">{text("invalidRows", { ids: invalid.join(", ") })}</Typography.Text>}
        </Flex>
      )}
      <Table<I>
        rowKey="subscriberId"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={page.isFetching}
        locale={{ emptyText: text("empty") }}
        onRow={(item) => (marked.has(item.subscriberId) ? { "aria-invalid": true, style: { background: "#fff1f0" } } : {})}
        rowSelection={{
          selectedRowKeys: items.filter(isChecked).map((item) => item.subscriberId),
          onChange: (keys) => check(items, (item) => keys.includes(item.subscriberId)),
          getCheckboxProps: (item) => ({ "aria-label": text("selectRow", { id: item.subscriberId }) }),
        }}
        sortDirections={["ascend", "descend"]}
        onChange={(_pagination, _filters, sorter, extra) => {
          if (extra.action !== "sort") return;
          const { sort, order } = sortFrom(sorter, sortKeys, defaultSort);
          setParams((current) => (current.sort === sort && current.order === order ? current : { ...current, sort, order, offset: 0 }));
        }}
        pagination={pagination}
      />
    </Flex>
  );
}
