// The search of every subscriber list screen (features.md §2): the field, the text, the match
// (前方一致 by default; a text starting with % is a partial match), 検索 and 全件表示.
import { SearchOutlined } from "@ant-design/icons";
import { Button, Flex, Input, Radio, Select } from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useText } from "./i18n";
import { matchModes, searchFields, type SearchCriteria } from "./list-params";

export function SubscriberSearchBar({
  value,
  onSearch,
  extra,
}: {
  value: SearchCriteria;
  onSearch: (criteria: SearchCriteria) => void;
  /** More buttons on the same line (全件CSV出力…). */
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const tx = useText();
  // The inputs start from the search in force and only apply with 検索.
  const [draft, setDraft] = useState<SearchCriteria>(value);
  const [applied, setApplied] = useState<SearchCriteria>(value);
  if (applied.field !== value.field || applied.q !== value.q || applied.match !== value.match) {
    setApplied(value);
    setDraft(value);
  }

  return (
    <Flex
      component="form"
      role="search"
      aria-label={tx("search.label")}
      gap={12}
      wrap
      align="center"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch({ ...draft, q: draft.q.trim() });
      }}
    >
      <Select
        aria-label={tx("search.field")}
        style={{ width: 160 }}
        value={draft.field}
        options={searchFields.map((field) => ({ value: field, label: tx(`fields.${field}`) }))}
        onChange={(field) => setDraft((current) => ({ ...current, field }))}
      />
      <Input
        aria-label={tx("search.text")}
        placeholder={tx("search.placeholder")}
        style={{ width: 260 }}
        value={draft.q}
        allowClear
        maxLength={256}
        onChange={(event) => setDraft((current) => ({ ...current, q: event.target.value }))}
      />
      <Radio.Group
        aria-label={tx("search.match")}
        value={draft.match}
        options={matchModes.map((match) => ({ value: match, label: tx(`search.${match}`) }))}
        onChange={(event) => setDraft((current) => ({ ...current, match: event.target.value as SearchCriteria["match"] }))}
      />
      <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
        {t("common.search")}
      </Button>
      <Button
        onClick={() => {
          const all: SearchCriteria = { field: draft.field, q: "", match: "prefix" };
          setDraft(all);
          onSearch(all);
        }}
      >
        {t("common.showAll")}
      </Button>
      {extra}
    </Flex>
  );
}
