// A searchable pull-down of the enterprise's numbers (GET …/subscribers, within the account's
// reach): digits search the numbers, anything else the IDs and names. The value is the number
// (called number, caller) or the subscriber ID (calling subscriber, busy, unregistered); the
// called number may also be typed digits that are not in the list.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useState } from "react";
import { api, unwrap } from "../../api/client";
import { useSimulationTexts } from "./i18n";
import type { SubscriberList, SubscriberRow } from "./types";

type Field = "number" | "id" | "displayName";

export const simulationKeys = {
  // Under the subscriber screens' prefix, so their changes refresh these lists too.
  subscribers: (eid: string, field: Field, q: string) => ["subscribers", eid, "simulationPick", field, q] as const,
  huntGroups: (eid: string) => ["huntGroups", eid, "simulationPilots"] as const,
  week: (eid: string, number: string, from: string) => ["simulation", eid, "week", number, from] as const,
};

function searchSubscribers(eid: string, field: Field, q: string): Promise<SubscriberList> {
  return unwrap(
    api.GET("/api/v1/enterprises/{eid}/subscribers", {
      params: {
        path: { eid },
        query: { field, match: field === "displayName" ? "partial" : "prefix", ...(q ? { q } : {}), sort: field === "displayName" ? "displayName" : "number", limit: 50 },
      },
    }),
  );
}

/** Only digits (hyphens and spaces dropped), with a leading + kept. */
export function digitsOf(input: string): string {
  const trimmed = input.trim();
  return (trimmed.startsWith("+") ? "+" : "") + trimmed.replace(/[\s-]/g, "").replace(/^\+/, "");
}

export function isDigits(input: string): boolean {
  return /^\+?\d+$/.test(input);
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

export function SubscriberSelect({
  id,
  enterpriseId,
  valueKind,
  multiple = false,
  typed = false,
  pilots,
  value,
  onChange,
  placeholder,
  disabled,
  ariaLabel,
}: {
  id?: string;
  enterpriseId: string;
  valueKind: "number" | "id";
  multiple?: boolean;
  /** Typed digits become a value of their own (the called number). */
  typed?: boolean;
  /** Hunt pilots: subscriber ID → hunt group name. */
  pilots?: ReadonlyMap<string, string>;
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  placeholder?: string;
  disabled?: boolean;
  ariaLabel?: string;
}) {
  const text = useSimulationTexts();
  const [term, setTerm] = useState("");
  // Labels of the chosen values, kept when a later search no longer lists them.
  const [known, setKnown] = useState<ReadonlyMap<string, string>>(new Map());
  const digits = digitsOf(term);
  const byNumber = isDigits(digits) || term.trim() === "";
  const first = useQuery({
    queryKey: simulationKeys.subscribers(enterpriseId, byNumber ? "number" : "id", byNumber ? digits : term.trim()),
    queryFn: () => searchSubscribers(enterpriseId, byNumber ? "number" : "id", byNumber ? digits : term.trim()),
    placeholderData: keepPreviousData,
  });
  const second = useQuery({
    queryKey: simulationKeys.subscribers(enterpriseId, "displayName", term.trim()),
    queryFn: () => searchSubscribers(enterpriseId, "displayName", `%${term.trim()}`),
    enabled: !byNumber,
    placeholderData: keepPreviousData,
  });

  const labelOf = (row: SubscriberRow) => {
    const pilot = pilots?.get(row.id);
    return [row.number, row.displayName, `(${row.id})`, pilot === undefined ? "" : `[${text("form.pilot", { name: pilot })}]`].filter(Boolean).join(" ");
  };
  const rows = [...(first.data?.items ?? []), ...(byNumber ? [] : (second.data?.items ?? []))];
  const options: Option[] = [];
  for (const row of rows) {
    const optionValue = valueKind === "number" ? row.number : row.id;
    if (!options.some((option) => option.value === optionValue)) options.push({ value: optionValue, label: labelOf(row) });
  }
  if (typed && digits !== "" && isDigits(digits) && !options.some((option) => option.value === digits)) {
    options.unshift({ value: digits, label: text("form.typedNumber", { number: digits }) });
  }
  const chosen = value === undefined ? [] : Array.isArray(value) ? value : [value];
  for (const v of chosen) {
    if (!options.some((option) => option.value === v)) options.push({ value: v, label: known.get(v) ?? v });
  }

  const remember = (picked: Option | readonly Option[] | undefined) => {
    const list = picked === undefined ? [] : Array.isArray(picked) ? picked : [picked as Option];
    if (list.length === 0) return;
    setKnown((current) => {
      const next = new Map(current);
      for (const option of list) next.set(option.value, option.label);
      return next;
    });
  };

  return (
    <Select<string | string[], Option>
      id={id}
      aria-label={ariaLabel}
      mode={multiple ? "multiple" : undefined}
      allowClear
      disabled={disabled}
      placeholder={placeholder ?? text("form.subscriberPlaceholder")}
      value={value}
      options={options}
      loading={first.isFetching || second.isFetching}
      showSearch={{ filterOption: false, onSearch: setTerm, searchValue: term }}
      onChange={(next, option) => {
        remember(option);
        setTerm("");
        onChange?.(next === undefined || (Array.isArray(next) && next.length === 0 && !multiple) ? undefined : next);
      }}
      onBlur={() => setTerm("")}
      style={{ width: "100%" }}
    />
  );
}
