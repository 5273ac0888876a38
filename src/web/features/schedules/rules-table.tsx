// スケジュールリスト: one editable row per rule — タイプ (特定日 | 曜日 | 祝祭日), the date or the
// weekdays, 開始時間 / 終了時間 (HH:MM, the end may be 24:00), 転送種別, 転送先番号, 備考. The
// row the server refused (its error field is like `rules.2.end`) is highlighted.
import { Checkbox, DatePicker, Flex, Input, Radio, Select, Table, TimePicker, Typography, type TableProps } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { Dispatch, SetStateAction } from "react";
import { useScheduleTexts } from "./i18n";
import type { DateMode, RuleRow } from "./rule-rows";
import { ruleActions, ruleTypes } from "./types";

const months = Array.from({ length: 12 }, (_, i) => i + 1);
const days = Array.from({ length: 31 }, (_, i) => i + 1);
const weekdays = [0, 1, 2, 3, 4, 5, 6] as const;

function timeValue(value: string | null): Dayjs | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value ?? "");
  if (!match) return null;
  return dayjs().hour(Number(match[1])).minute(Number(match[2])).second(0).millisecond(0);
}

function dateValue(value: string | null): Dayjs | null {
  if (!value) return null;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed : null;
}

export interface RuleError {
  index: number;
  field: string;
}

export function RulesTable({
  rows,
  setRows,
  selected,
  setSelected,
  error,
  disabled,
}: {
  rows: readonly RuleRow[];
  setRows: Dispatch<SetStateAction<RuleRow[]>>;
  selected: readonly string[];
  setSelected: (keys: string[]) => void;
  error: RuleError | undefined;
  disabled: boolean;
}) {
  const text = useScheduleTexts();
  const update = (key: string, patch: Partial<RuleRow>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const indexOf = (key: string) => rows.findIndex((row) => row.key === key);
  const label = (row: RuleRow, field: Parameters<typeof text>[0]) => `${text("rules.rowLabel", { n: indexOf(row.key) + 1 })} ${text(field)}`;
  const status = (row: RuleRow, ...fields: string[]): "error" | undefined =>
    error !== undefined && error.index === indexOf(row.key) && (fields.includes(error.field) || error.field === "row") ? "error" : undefined;

  const columns: TableProps<RuleRow>["columns"] = [
    { title: text("rules.no"), key: "no", width: 56, render: (_v, row) => indexOf(row.key) + 1 },
    {
      title: text("rules.type"),
      key: "type",
      width: 120,
      render: (_v, row) => (
        <Select
          aria-label={label(row, "rules.fields.type")}
          value={row.type}
          style={{ width: 108 }}
          status={status(row, "type")}
          onChange={(type) => update(row.key, { type })}
          options={ruleTypes.map((type) => ({ value: type, label: text(`rules.types.${type}`) }))}
        />
      ),
    },
    {
      title: text("rules.when"),
      key: "when",
      width: 300,
      render: (_v, row) => {
        if (row.type === "weekday") {
          return (
            <Checkbox.Group<number>
              aria-label={label(row, "rules.fields.weekdays")}
              value={row.weekdays}
              onChange={(value) => update(row.key, { weekdays: value })}
              options={weekdays.map((day) => ({ value: day, label: text(`weekdays.${day}`) }))}
              style={status(row, "weekdays") ? { outline: "1px solid #ff4d4f", borderRadius: 4 } : undefined}
            />
          );
        }
        if (row.type === "holiday") return <Typography.Text type="secondary">{text("rules.holidayNote")}</Typography.Text>;
        return (
          <Flex vertical gap={4}>
            <Radio.Group
              size="small"
              aria-label={label(row, "rules.fields.date")}
              value={row.dateMode}
              onChange={(event) => update(row.key, { dateMode: event.target.value as DateMode })}
              options={(["yearly", "once"] as const).map((mode) => ({ value: mode, label: text(`rules.dateMode.${mode}`) }))}
            />
            {row.dateMode === "yearly" ? (
              <Flex gap={4} align="center">
                <Select<number>
                  aria-label={label(row, "rules.fields.month")}
                  value={row.month ?? undefined}
                  style={{ width: 72 }}
                  status={status(row, "month", "day")}
                  onChange={(month) => update(row.key, { month })}
                  options={months.map((month) => ({ value: month, label: String(month) }))}
                />
                <span>{text("rules.month")}</span>
                <Select<number>
                  aria-label={label(row, "rules.fields.day")}
                  value={row.day ?? undefined}
                  style={{ width: 72 }}
                  status={status(row, "day")}
                  onChange={(day) => update(row.key, { day })}
                  options={days.map((day) => ({ value: day, label: String(day) }))}
                />
                <span>{text("rules.day")}</span>
              </Flex>
            ) : (
              <DatePicker
                aria-label={label(row, "rules.fields.date")}
                value={dateValue(row.date)}
                format="YYYY-MM-DD"
                status={status(row, "date")}
                onChange={(value) => update(row.key, { date: value ? value.format("YYYY-MM-DD") : null })}
              />
            )}
          </Flex>
        );
      },
    },
    {
      title: text("rules.start"),
      key: "start",
      width: 120,
      render: (_v, row) => (
        <TimePicker
          aria-label={label(row, "rules.fields.start")}
          format="HH:mm"
          needConfirm={false}
          showNow={false}
          value={timeValue(row.start)}
          status={status(row, "start")}
          style={{ width: 104 }}
          onChange={(value) => update(row.key, { start: value ? value.format("HH:mm") : null })}
        />
      ),
    },
    {
      title: text("rules.end"),
      key: "end",
      width: 190,
      render: (_v, row) => (
        <Flex gap={8} align="center">
          <TimePicker
            aria-label={label(row, "rules.fields.end")}
            format="HH:mm"
            needConfirm={false}
            showNow={false}
            value={row.endOfDay ? null : timeValue(row.end)}
            placeholder={row.endOfDay ? "24:00" : undefined}
            disabled={row.endOfDay || disabled}
            status={status(row, "end")}
            style={{ width: 104 }}
            onChange={(value) => update(row.key, { end: value ? value.format("HH:mm") : null })}
          />
          <Checkbox
            aria-label={`${text("rules.rowLabel", { n: indexOf(row.key) + 1 })} ${text("rules.endOfDayLabel")}`}
            checked={row.endOfDay}
            onChange={(event) => update(row.key, { endOfDay: event.target.checked })}
          >
            {text("rules.endOfDay")}
          </Checkbox>
        </Flex>
      ),
    },
    {
      title: text("rules.action"),
      key: "action",
      width: 160,
      render: (_v, row) => (
        <Select
          aria-label={label(row, "rules.fields.action")}
          value={row.action}
          style={{ width: 148 }}
          status={status(row, "action")}
          onChange={(action) => update(row.key, { action })}
          options={ruleActions.map((action) => ({ value: action, label: text(`rules.actions.${action}`) }))}
        />
      ),
    },
    {
      title: text("rules.destination"),
      key: "destination",
      width: 170,
      render: (_v, row) => (
        <Input
          aria-label={label(row, "rules.fields.destination")}
          value={row.destination}
          disabled={row.action === "none" || disabled}
          placeholder={text("rules.destinationPlaceholder")}
          status={status(row, "destination")}
          inputMode="tel"
          maxLength={32}
          onChange={(event) => update(row.key, { destination: event.target.value })}
        />
      ),
    },
    {
      title: text("rules.memo"),
      key: "memo",
      render: (_v, row) => (
        <Input
          aria-label={label(row, "rules.fields.memo")}
          value={row.memo}
          status={status(row, "memo")}
          maxLength={256}
          onChange={(event) => update(row.key, { memo: event.target.value })}
        />
      ),
    },
  ];

  return (
    <Table<RuleRow>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={[...rows]}
      pagination={false}
      scroll={{ x: 1280 }}
      locale={{ emptyText: text("rules.noRows") }}
      rowSelection={{
        selectedRowKeys: [...selected],
        onChange: (keys) => setSelected(keys.map(String)),
        getCheckboxProps: (row) => ({ "aria-label": text("rules.rowSelect", { n: indexOf(row.key) + 1 }) }),
      }}
      onRow={(row) =>
        error !== undefined && error.index === indexOf(row.key)
          ? { style: { background: "#fff1f0" }, "aria-invalid": true, id: `schedule-rule-${row.key}` }
          : { id: `schedule-rule-${row.key}` }
      }
    />
  );
}
