// What the subscriber list screens share about their table: sorting by column on the server and
// the paging and the line "検索結果件数: N件  表示中: 1～50".
import type { TablePaginationConfig } from "antd";
import type { Key } from "react";
import { useTranslation } from "react-i18next";
import { pageSizes, type ListParams } from "./list-params";
import type { SortKey } from "./types";

/** antd's sort state of a column from the list params. */
export function sortOrderOf(params: ListParams, key: SortKey): "ascend" | "descend" | null {
  return params.sort === key ? (params.order === "asc" ? "ascend" : "descend") : null;
}

/** The list params after a click on a column header. */
export function sortChange(sorter: unknown, sortable: readonly string[]): Partial<ListParams> | undefined {
  const single = (Array.isArray(sorter) ? sorter[0] : sorter) as { columnKey?: Key; order?: "ascend" | "descend" | null } | undefined;
  if (!single) return undefined;
  const key = String(single.columnKey ?? "");
  if (!single.order || !sortable.includes(key)) return { sort: "id", order: "asc", offset: 0 };
  return { sort: key as SortKey, order: single.order === "descend" ? "desc" : "asc", offset: 0 };
}

/** The pager of a list screen paged on the server. */
export function usePagination(
  params: ListParams,
  total: number,
  setParams: (change: Partial<ListParams>) => void,
  sizes: readonly number[] = pageSizes,
): TablePaginationConfig {
  return {
    current: Math.floor(params.offset / params.limit) + 1,
    pageSize: params.limit,
    total,
    showSizeChanger: true,
    pageSizeOptions: [...sizes],
    onChange: (page, size) => setParams({ offset: size === params.limit ? (page - 1) * size : 0, limit: size }),
  };
}

/** "検索結果件数: N件  表示中: 1～50" above the list, as the manuals show it. */
export function useResultSummary(): (total: number | undefined, offset: number, shown: number) => string {
  const { t } = useTranslation();
  return (total, offset, shown) => {
    if (total === undefined) return "";
    const count = t("common.resultCount", { count: total });
    return shown === 0 ? count : `${count}  ${t("common.showing", { from: offset + 1, to: offset + shown })}`;
  };
}
