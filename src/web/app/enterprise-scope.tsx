// Which enterprise an enterprise-scoped screen works on: an enterprise admin's own, or for an
// operator the one chosen in the screen's 企業選択 (kept in the address as `?enterprise=` and
// remembered for the other screens of this tab).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Flex, Select, Typography } from "antd";
import { useState, type ReactNode } from "react";
import { useSearchParams } from "react-router";
import { api, unwrap } from "../api/client";
import { featureTexts } from "../i18n/feature-texts";
import { useAccount } from "./session";

const useTexts = featureTexts(
  "enterpriseScope",
  {
    label: "企業選択",
    placeholder: "企業IDまたは企業名で検索",
    choose: "操作する企業を選択してください。",
    all: "すべての企業",
  },
  {
    label: "Enterprise",
    placeholder: "Search by enterprise ID or name",
    choose: "Choose the enterprise to work on.",
    all: "All enterprises",
  },
);

const storageKey = "centrex.operator.enterprise";
export const enterpriseParam = "enterprise";

function readStored(): string | undefined {
  try {
    return window.sessionStorage.getItem(storageKey) ?? undefined;
  } catch {
    return undefined;
  }
}

function store(value: string | undefined): void {
  try {
    if (value) window.sessionStorage.setItem(storageKey, value);
    else window.sessionStorage.removeItem(storageKey);
  } catch {
    // Not remembered: the choice still holds on this screen.
  }
}

/** A searchable pull-down of the enterprises (operators), labelled 企業選択 unless `bare`. */
export function EnterpriseSelect({
  value,
  onChange,
  allowAll = false,
  bare = false,
  id,
}: {
  value: string | undefined;
  onChange: (enterpriseId: string | undefined) => void;
  /** Clearing means every enterprise (a filter rather than a scope). */
  allowAll?: boolean;
  /** Only the pull-down, for a form that labels it itself. */
  bare?: boolean;
  /** The control's id, so that a form's label points at it (Form.Item hands one down). */
  id?: string | undefined;
}) {
  const text = useTexts();
  const [search, setSearch] = useState("");
  const enterprises = useQuery({
    queryKey: ["enterprises", "select", search],
    queryFn: () =>
      unwrap(api.GET("/api/v1/enterprises", { params: { query: { ...(search ? { q: search, match: "partial" } : {}), sort: "id", limit: 50 } } })),
    placeholderData: keepPreviousData,
  });
  const options = (enterprises.data?.items ?? []).map((enterprise) => ({ value: enterprise.id, label: `${enterprise.name} (${enterprise.id})` }));
  if (value && !options.some((option) => option.value === value)) options.unshift({ value, label: value });
  const select = (
    <Select<string>
      id={id}
      aria-label={text("label")}
      style={{ minWidth: 280 }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={allowAll}
      placeholder={allowAll ? text("all") : text("placeholder")}
      value={value}
      loading={enterprises.isFetching}
      options={options}
      onChange={(next) => {
        setSearch("");
        onChange(next || undefined);
      }}
    />
  );
  if (bare) return select;
  return (
    <Flex align="center" gap={8} wrap>
      <Typography.Text strong>{text("label")}:</Typography.Text>
      {select}
    </Flex>
  );
}

/** The label of the enterprise chooser, for forms that place it themselves. */
export function useEnterpriseSelectLabel(): string {
  return useTexts()("label");
}

export interface EnterpriseScope {
  /** The enterprise to work on; undefined while an operator has not chosen one. */
  enterpriseId: string | undefined;
  /** The chooser to show on the screen (operators), or null. */
  chooser: ReactNode;
  /** What to show instead of the screen while nothing is chosen. */
  prompt: ReactNode;
  /** Address parameters for a view of this screen, keeping an operator's enterprise. */
  params: (extra?: Record<string, string>) => Record<string, string>;
}

/**
 * The enterprise of an enterprise-scoped screen. Choosing another enterprise drops the rest of
 * the address (an open record belongs to the previous enterprise).
 */
export function useEnterpriseScope(): EnterpriseScope {
  const account = useAccount();
  const text = useTexts();
  const [searchParams, setSearchParams] = useSearchParams();
  const [stored] = useState(readStored);
  if (account.role !== "operator") {
    return { enterpriseId: account.enterpriseId, chooser: null, prompt: null, params: (extra = {}) => ({ ...extra }) };
  }
  const enterpriseId = searchParams.get(enterpriseParam) ?? stored;
  const params = (extra: Record<string, string> = {}) => (enterpriseId ? { [enterpriseParam]: enterpriseId, ...extra } : { ...extra });
  const chooser = (
    <EnterpriseSelect
      value={enterpriseId}
      onChange={(next) => {
        store(next);
        setSearchParams(next ? { [enterpriseParam]: next } : {});
      }}
    />
  );
  const prompt = enterpriseId ? null : <Typography.Paragraph type="secondary">{text("choose")}</Typography.Paragraph>;
  return { enterpriseId, chooser, prompt, params };
}

/** Name and line IDs of an enterprise, for the 企業名 / 企業ID / 回線ID columns of its lists. */
export function useEnterpriseInfo(enterpriseId: string | undefined) {
  return useQuery({
    queryKey: ["enterprise", enterpriseId],
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}", { params: { path: { eid: enterpriseId ?? "" } } })),
    enabled: enterpriseId !== undefined,
    staleTime: 5 * 60_000,
  });
}

/** "回線ID 1, 回線ID 2" as the lists show them. */
export function lineIdsOf(enterprise: { lineId1?: string | null; lineId2?: string | null } | undefined): string {
  return [enterprise?.lineId1, enterprise?.lineId2].filter(Boolean).join(", ");
}
