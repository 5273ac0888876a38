// A searchable pull-down of the enterprise's numbers for the 代表番号: digits search the numbers,
// anything else the subscriber IDs. The value is the subscriber ID.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useState } from "react";
import { api, unwrap } from "../../api/client";

export function SubscriberPicker({
  id,
  enterpriseId,
  value,
  onChange,
  placeholder,
}: {
  id?: string;
  enterpriseId: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
}) {
  const [term, setTerm] = useState("");
  const trimmed = term.trim().replace(/-/g, "");
  const byNumber = /^\d+$/.test(trimmed);
  const field = byNumber ? ("number" as const) : ("id" as const);
  const found = useQuery({
    // Under the subscriber screens' prefix, so their changes refresh it too.
    queryKey: ["subscribers", enterpriseId, "picker", field, trimmed],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/enterprises/{eid}/subscribers", {
          params: { path: { eid: enterpriseId }, query: { field, match: "prefix", ...(trimmed ? { q: trimmed } : {}), sort: field, limit: 50 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const options = (found.data?.items ?? []).map((row) => ({ value: row.id, label: [row.id, row.number, row.displayName].filter(Boolean).join(" ") }));
  if (value && !options.some((option) => option.value === value)) options.unshift({ value, label: value });
  return (
    <Select<string>
      id={id}
      allowClear
      placeholder={placeholder}
      value={value}
      options={options}
      loading={found.isFetching}
      showSearch={{ filterOption: false, onSearch: setTerm, searchValue: term }}
      onChange={(next) => {
        setTerm("");
        onChange?.(next || undefined);
      }}
      onBlur={() => setTerm("")}
      style={{ width: "100%" }}
    />
  );
}
