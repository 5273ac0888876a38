// Pieces every list screen shares (features.md: search, match mode, paging "表示中: 1～50",
// sorting, "検索結果件数: N件", row checkboxes): the match-mode radio and the server paging.
import { Radio, Typography, type TablePaginationConfig } from "antd";
import { useTranslation } from "react-i18next";
import { featureTexts } from "../i18n/feature-texts";

const useTexts = featureTexts(
  "listControls",
  { label: "検索条件", prefix: "前方一致", exact: "完全一致", partial: "部分一致" },
  { label: "Match", prefix: "Starts with", exact: "Exact", partial: "Contains" },
);

export type MatchMode = "prefix" | "exact" | "partial";
export type SortOrder = "asc" | "desc";

export const pageSizes = [50, 100, 200, 500];

/** 前方一致 | 完全一致 | 部分一致 (api.md §Lists; a search text starting with % is partial anyway). */
export function MatchModeRadio({ value, onChange }: { value: MatchMode; onChange: (value: MatchMode) => void }) {
  const text = useTexts();
  return (
    <Radio.Group
      aria-label={text("label")}
      value={value}
      onChange={(event) => onChange(event.target.value as MatchMode)}
      options={(["prefix", "exact", "partial"] as const).map((mode) => ({ value: mode, label: text(mode) }))}
    />
  );
}

export interface Page {
  offset: number;
  limit: number;
}

/** The table's pager for a list paged on the server, with the result count and "表示中: a～b". */
export function useServerPagination(page: Page, total: number | undefined, onChange: (page: Page) => void): TablePaginationConfig {
  const { t } = useTranslation();
  return {
    current: Math.floor(page.offset / page.limit) + 1,
    pageSize: page.limit,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: pageSizes,
    showTotal: (_count, [from, to]) => t("common.showing", { from, to }),
    onChange: (current, size) => onChange({ offset: size === page.limit ? (current - 1) * size : 0, limit: size }),
  };
}

/** "検索結果件数: N件", shown above the table (also when nothing was found). */
export function ResultCount({ total }: { total: number | undefined }) {
  const { t } = useTranslation();
  if (total === undefined) return null;
  return (
    <Typography.Text role="status" aria-live="polite">
      {t("common.resultCount", { count: total })}
    </Typography.Text>
  );
}

/** antd's sort order of a column from the list's sort key and order. */
export function sortOrderOf<K extends string>(sort: K, order: SortOrder, key: K): "ascend" | "descend" | null {
  return sort === key ? (order === "asc" ? "ascend" : "descend") : null;
}
