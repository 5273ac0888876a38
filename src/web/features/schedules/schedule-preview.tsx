// プレビュー (features.md §6, ours): four weeks from a chosen date, hour by hour (24 columns ×
// 28 days), each hour coloured by the forwarding in force, with the rule's row number; the
// tooltip names the rule and the destination; holidays carry their name.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DatePicker, Flex, Tag, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { memo } from "react";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { useScheduleTexts } from "./i18n";
import { scheduleKeys } from "./schedule-list";
import type { PreviewDay, PreviewHour, RuleAction, SchedulePreview as Preview } from "./types";

const hours = Array.from({ length: 24 }, (_, hour) => hour);

/** Background and text colour of an hour by its action; "none" with a rule differs from no rule. */
const palette: Record<RuleAction | "empty", { background: string; color: string }> = {
  unconditional: { background: "#1677ff", color: "#fff" },
  busy: { background: "#fa8c16", color: "#fff" },
  noAnswer: { background: "#52c41a", color: "#fff" },
  none: { background: "#d9d9d9", color: "#262626" },
  empty: { background: "#f0f0f0", color: "#8c8c8c" },
};

function colourOf(hour: PreviewHour) {
  return hour.rule === null ? palette.empty : palette[hour.action as RuleAction] ?? palette.none;
}

const cellStyle = {
  width: 30,
  minWidth: 30,
  height: 24,
  padding: 0,
  textAlign: "center" as const,
  fontSize: 11,
  border: "1px solid #fff",
  cursor: "default",
};

export function SchedulePreview({
  enterpriseId,
  scheduleId,
  from,
  onFromChange,
}: {
  enterpriseId: string;
  scheduleId: number;
  from: string | undefined;
  onFromChange: (from: string) => void;
}) {
  const text = useScheduleTexts();
  const preview = useQuery({
    queryKey: scheduleKeys.preview(enterpriseId, scheduleId, from ?? "today"),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/enterprises/{eid}/schedules/{id}/preview", {
          params: { path: { eid: enterpriseId, id: scheduleId }, query: { ...(from ? { from } : {}), days: 28 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={8} wrap>
        <label htmlFor="schedule-preview-from">{text("preview.from")}:</label>
        <DatePicker
          id="schedule-preview-from"
          aria-label={text("preview.from")}
          format="YYYY-MM-DD"
          allowClear={false}
          value={from ? dayjs(from) : preview.data ? dayjs(preview.data.from) : null}
          onChange={(value) => {
            if (value) onFromChange(value.format("YYYY-MM-DD"));
          }}
        />
        <Flex gap={4} wrap aria-label={text("preview.legend")} role="group">
          {(["unconditional", "busy", "noAnswer", "none"] as const).map((action) => (
            <Tag key={action} style={{ background: palette[action].background, color: palette[action].color, borderColor: palette[action].background }}>
              {text(`rules.actions.${action}`)}
            </Tag>
          ))}
          <Tag style={{ background: palette.empty.background, color: palette.empty.color }}>{text("preview.noRule")}</Tag>
          <Tag color="red">{text("preview.holiday")}</Tag>
        </Flex>
      </Flex>
      <ErrorAlert error={preview.error} />
      {preview.data && <PreviewGrid preview={preview.data} dimmed={preview.isFetching} />}
      {preview.isPending && <Typography.Text type="secondary">…</Typography.Text>}
    </Flex>
  );
}

/** The 28 × 24 grid; memoised, as it holds 672 cells with their tooltips. */
const PreviewGrid = memo(function PreviewGrid({ preview, dimmed }: { preview: Preview; dimmed: boolean }) {
  const text = useScheduleTexts();
  const actionText = (hour: PreviewHour) => (hour.rule === null ? text("preview.cellNone") : text(`rules.actions.${hour.action as RuleAction}`));
  const describe = (day: PreviewDay, hour: PreviewHour) => {
    const parts = [text("preview.cell", { date: day.date, time: `${String(hour.hour).padStart(2, "0")}:00`, action: actionText(hour) })];
    if (hour.rule !== null) parts.push(text("preview.cellRule", { n: hour.rule, type: text(`rules.types.${hour.ruleType as "date" | "weekday" | "holiday"}`) }));
    if (hour.destination) parts.push(text("preview.cellDestination", { destination: hour.destination }));
    if (day.holiday) parts.push(day.holiday);
    return parts.join(" / ");
  };

  return (
    <div style={{ overflowX: "auto", opacity: dimmed ? 0.6 : 1 }}>
      <table style={{ borderCollapse: "collapse", fontSize: 12 }} aria-label={text("preview.caption", { from: preview.from })}>
        <caption style={{ textAlign: "start", paddingBottom: 4 }}>{text("preview.caption", { from: preview.from })}</caption>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: "start", paddingInlineEnd: 8 }}>
              {text("preview.date")}
            </th>
            {hours.map((hour) => (
              <th key={hour} scope="col" style={{ ...cellStyle, fontWeight: 400, color: "#595959" }} aria-label={text("preview.hourColumn", { hour })}>
                {hour}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.days.map((day) => (
            <tr key={day.date}>
              <th
                scope="row"
                style={{ textAlign: "start", fontWeight: 400, whiteSpace: "nowrap", paddingInlineEnd: 8, color: day.holiday || day.weekday === 0 ? "#cf1322" : day.weekday === 6 ? "#0958d9" : undefined }}
              >
                {day.date.slice(5).replace("-", "/")}({text(`weekdays.${day.weekday as 0 | 1 | 2 | 3 | 4 | 5 | 6}`)})
                {day.holiday && (
                  <Tag color="red" style={{ marginInlineStart: 4, fontSize: 11, lineHeight: "16px" }}>
                    {day.holiday}
                  </Tag>
                )}
              </th>
              {day.hours.map((hour) => {
                const colour = colourOf(hour);
                const description = describe(day, hour);
                return (
                  <Tooltip key={hour.hour} title={description} mouseEnterDelay={0.2}>
                    <td aria-label={description} style={{ ...cellStyle, background: colour.background, color: colour.color }}>
                      {hour.rule ?? ""}
                    </td>
                  </Tooltip>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
