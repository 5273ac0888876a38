// What the three group screens (内線グループ, 代表グループ, ピックアップグループ; features.md §8, §10,
// §11) share: the name search with its match mode, 削除 of the checked groups after a
// confirmation (each failure shown with its code), the group address `?group=12`, and their words.
import { DeleteOutlined, PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { App, Button, Flex, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ErrorAlert } from "../../app/error-alert";
import { MatchModeRadio, type MatchMode, type SortOrder } from "../../app/list-controls";
import { featureTexts } from "../../i18n/feature-texts";

export type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;
export type RequestJson<T> = T extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;

export type Membership = "member" | "nonMember" | "all";

export const useGroupKitTexts = featureTexts(
  "groupKit",
  {
    nameSearchLabel: "検索",
    memo: "備考",
    memberCount: "メンバ数",
    actions: "操作",
    edit: "編集",
    members: "メンバ設定",
    requiredNote: "* は必須入力項目です。",
    deleteChecked: "削除",
    deleteConfirmTitle: "削除の確認",
    deleteConfirm: "チェックした{{count}}件を削除します。宜しいですか?",
    deleted: "{{count}}件を削除しました。",
    deleteFailed: "「{{name}}」を削除できませんでした。",
    checked: "チェック: {{count}}件",
    memoTooLong: "備考は全角128文字(256バイト)以内で入力してください。",
  },
  {
    nameSearchLabel: "Search",
    memo: "Memo",
    memberCount: "Members",
    actions: "Actions",
    edit: "Edit",
    members: "Members",
    requiredNote: "* marks a required field.",
    deleteChecked: "Delete",
    deleteConfirmTitle: "Confirm deletion",
    deleteConfirm: "Delete the {{count}} checked item(s)?",
    deleted: "Deleted {{count}} item(s).",
    deleteFailed: "\"{{name}}\" could not be deleted.",
    checked: "Checked: {{count}}",
    memoTooLong: "Memo: at most 128 full-width characters (256 bytes).",
  },
);

export interface NameListParams<S extends string> {
  q: string;
  match: MatchMode;
  sort: S;
  order: SortOrder;
  offset: number;
  limit: number;
}

/** The If-Match header of a versioned resource (api.md §Optimistic concurrency: 8111 when stale). */
export function ifMatch(version: number): { "If-Match": string } {
  return { "If-Match": `"${version}"` };
}

/** The list query of api.md: only what is set is sent. */
export function nameListQuery<S extends string>(params: NameListParams<S>) {
  return { ...(params.q ? { q: params.q, match: params.match } : {}), sort: params.sort, order: params.order, offset: params.offset, limit: params.limit };
}

/** Sort key and order after a click on a column header (back to the default when the sort is cleared). */
export function sortFrom<S extends string>(sorter: unknown, keys: readonly S[], fallback: S): { sort: S; order: SortOrder } {
  const single = (Array.isArray(sorter) ? sorter[0] : sorter) as { columnKey?: unknown; order?: "ascend" | "descend" | null } | undefined;
  const key = String(single?.columnKey ?? "");
  if (!single?.order || !(keys as readonly string[]).includes(key)) return { sort: fallback, order: "asc" };
  return { sort: key as S, order: single.order === "descend" ? "desc" : "asc" };
}

/** Shift_JIS bytes as the server counts them for a memo (8101): full-width 2, half-width 1. */
export function sjisBytes(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 || (code >= 0xff61 && code <= 0xff9f) ? 1 : 2;
  }
  return bytes;
}

/** Name search line: the text, 前方一致 / 完全一致 / 部分一致, 検索 and 全件表示. */
export function NameSearch({ label, inputId, onSearch }: { label: string; inputId: string; onSearch: (q: string, match: MatchMode) => void }) {
  const { t } = useTranslation();
  const text = useGroupKitTexts();
  const [q, setQ] = useState("");
  const [match, setMatch] = useState<MatchMode>("prefix");
  return (
    <Flex
      component="form"
      role="search"
      aria-label={text("nameSearchLabel")}
      gap={12}
      wrap
      align="center"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(q.trim(), match);
      }}
    >
      <label htmlFor={inputId}>{label}</label>
      <Input id={inputId} value={q} allowClear maxLength={256} style={{ width: 260 }} onChange={(event) => setQ(event.target.value)} />
      <MatchModeRadio value={match} onChange={setMatch} />
      <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
        {t("common.search")}
      </Button>
      <Button
        onClick={() => {
          setQ("");
          setMatch("prefix");
          onSearch("", "prefix");
        }}
      >
        {t("common.showAll")}
      </Button>
    </Flex>
  );
}

export interface DeleteFailure {
  name: string;
  error: unknown;
}

/** Deletes each target in turn; the ones refused are returned with their error. */
export async function deleteEach<T>(targets: readonly T[], nameOf: (target: T) => string, remove: (target: T) => Promise<unknown>) {
  const failed: DeleteFailure[] = [];
  let deleted = 0;
  for (const target of targets) {
    try {
      await remove(target);
      deleted += 1;
    } catch (error) {
      failed.push({ name: nameOf(target), error });
    }
  }
  return { deleted, failed };
}

/** 追加 and 削除 above a group list; 削除 asks first and names the checked groups. */
export function GroupListActions<T>({
  checked,
  nameOf,
  onAdd,
  onDelete,
  deleting,
}: {
  checked: readonly T[];
  nameOf: (target: T) => string;
  onAdd: () => void;
  onDelete: (targets: readonly T[]) => Promise<unknown>;
  deleting: boolean;
}) {
  const { t } = useTranslation();
  const text = useGroupKitTexts();
  const { modal } = App.useApp();
  const confirm = () => {
    if (checked.length === 0) return;
    modal.confirm({
      title: text("deleteConfirmTitle"),
      content: (
        <Flex vertical gap={8}>
          <span>{text("deleteConfirm", { count: checked.length })}</span>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {checked.map((target) => (
              <li key={nameOf(target)}>{nameOf(target)}</li>
            ))}
          </ul>
        </Flex>
      ),
      okText: t("common.remove"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () => onDelete(checked),
    });
  };
  return (
    <Flex gap={8} align="center">
      {checked.length > 0 && <Typography.Text>{text("checked", { count: checked.length })}</Typography.Text>}
      <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={onAdd}>
        {t("common.add")}
      </Button>
      <Button danger icon={<DeleteOutlined aria-hidden />} disabled={checked.length === 0} loading={deleting} onClick={confirm}>
        {text("deleteChecked")}
      </Button>
    </Flex>
  );
}

export function DeleteFailures({ failures }: { failures: readonly DeleteFailure[] }) {
  const text = useGroupKitTexts();
  return failures.map((failure) => (
    <Flex key={failure.name} vertical gap={4}>
      <Typography.Text type="danger">{text("deleteFailed", { name: failure.name })}</Typography.Text>
      <ErrorAlert error={failure.error} />
    </Flex>
  ));
}

/** The group a screen shows (`?group=12`), and the ways to open one and to go back to the list. */
export function useGroupParam(keep: () => Record<string, string>) {
  const [searchParams, setSearchParams] = useSearchParams();
  const raw = searchParams.get("group");
  const groupId = raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined;
  return {
    groupId,
    hrefOf: (id: number) => `?${new URLSearchParams({ ...keep(), group: String(id) }).toString()}`,
    back: () => setSearchParams(keep()),
  };
}
