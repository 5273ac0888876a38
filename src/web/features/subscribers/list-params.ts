// The search of a subscriber list screen, kept in the address (?field=&q=&match=&sort=&order=&offset=&limit=)
// so that a reload, the back button and 加入者検索画面に戻る show the same page of the same search.
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { MatchMode, SearchField, SortKey, SortOrder } from "./types";

export const searchFields: readonly SearchField[] = ["id", "number", "extension", "extensionGroup", "displayName"];
export const matchModes: readonly MatchMode[] = ["prefix", "exact", "partial"];
export const sortKeys: readonly SortKey[] = ["id", "number", "extension", "extensionGroup", "displayName"];
export const pageSizes = [50, 100, 200, 500] as const;
/** Screens that read each listed number's settings too show fewer numbers a page. */
export const bulkPageSizes = [20, 50, 100] as const;

export interface SearchCriteria {
  field: SearchField;
  q: string;
  match: MatchMode;
}

export interface ListParams extends SearchCriteria {
  sort: SortKey;
  order: SortOrder;
  offset: number;
  limit: number;
}

export const defaultListParams: ListParams = { field: "id", q: "", match: "prefix", sort: "id", order: "asc", offset: 0, limit: 50 };

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function integer(value: string | null, fallback: number, min: number, max: number): number {
  const n = value === null ? Number.NaN : Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

export function readListParams(search: URLSearchParams, defaults: ListParams = defaultListParams): ListParams {
  return {
    field: oneOf(search.get("field"), searchFields, defaults.field),
    q: search.get("q") ?? defaults.q,
    match: oneOf(search.get("match"), matchModes, defaults.match),
    sort: oneOf(search.get("sort"), sortKeys, defaults.sort),
    order: oneOf(search.get("order"), ["asc", "desc"] as const, defaults.order),
    offset: integer(search.get("offset"), defaults.offset, 0, 10_000_000),
    limit: integer(search.get("limit"), defaults.limit, 1, 500),
  };
}

/** Writes the params that differ from the defaults; other parameters (the enterprise…) are kept. */
export function writeListParams(search: URLSearchParams, params: ListParams, defaults: ListParams = defaultListParams): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const key of Object.keys(defaults) as (keyof ListParams)[]) {
    if (params[key] === defaults[key]) next.delete(key);
    else next.set(key, String(params[key]));
  }
  return next;
}

/** The list params of the screen and a setter that merges a change into the address. */
export function useListParams(defaults: ListParams = defaultListParams): [ListParams, (change: Partial<ListParams>) => void] {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => readListParams(search, defaults), [search, defaults]);
  const update = useCallback(
    (change: Partial<ListParams>) => {
      setSearch((current) => writeListParams(current, { ...readListParams(current, defaults), ...change }, defaults));
    },
    [defaults, setSearch],
  );
  return [params, update];
}
