// 週間表示: for a number or hunt pilot, 7 days × 24 hours from a chosen date (GET /route/week),
// each hour coloured by what a call does first — ring, forward (one colour per destination) or
// reject — with the schedule rule in the tooltip; holidays carry their name.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, DatePicker, Flex, Form, Tag, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { useSimulationTexts } from "./i18n";
import { weekdayOf } from "./local-time";
import { simulationKeys, SubscriberSelect } from "./subscriber-select";
import type { WeekDay, WeekHour } from "./types";

const hours = Array.from({ length: 24 }, (_, hour) => hour);

const ringColour = { background: "#b7eb8f", color: "#135200" };
const rejectColour = { background: "#ff7875", color: "#fff" };
const forwardColours = ["#1677ff", "#722ed1", "#08979c", "#d46b08", "#c41d7f", "#2f54eb", "#5b8c00", "#8c8c8c"];

const cellStyle = {
  width: 30,
  minWidth: 30,
  height: 26,
  padding: 0,
  textAlign: "center" as const,
  fontSize: 11,
  border: "1px solid #fff",
  cursor: "default",
};

export function WeekView({
  enterpriseId,
  number,
  from,
  onChange,
  pilots,
}: {
  enterpriseId: string;
  number: string | undefined;
  from: string;
  /** Only the part that changed. */
  onChange: (next: { number?: string | undefined; from?: string }) => void;
  pilots: ReadonlyMap<string, string>;
}) {
  const text = useSimulationTexts();
  const week = useQuery({
    queryKey: simulationKeys.week(enterpriseId, number ?? "", from),
    queryFn: () => unwrap(api.GET("/api/v1/route/week", { params: { query: { number: number ?? "", from, days: 7 } } })),
    enabled: number !== undefined && number !== "",
    placeholderData: keepPreviousData,
  });

  // One colour per forwarding destination, in order of first appearance.
  const destinations: string[] = [];
  for (const day of week.data?.days ?? []) {
    for (const hour of day.hours) {
      if (hour.first === "forward" && hour.forwardTo !== null && !destinations.includes(hour.forwardTo)) destinations.push(hour.forwardTo);
    }
  }
  const forwardLabel = (to: string) => (to === "voicemail" ? text("week.voicemail") : text("week.forward", { to }));
  const colourOf = (hour: WeekHour) => {
    if (hour.first === "ring") return ringColour;
    if (hour.first === "forward") {
      const index = destinations.indexOf(hour.forwardTo ?? "");
      return { background: forwardColours[index % forwardColours.length] ?? "#1677ff", color: "#fff" };
    }
    return rejectColour;
  };
  const markOf = (hour: WeekHour) => {
    if (hour.first === "forward") return String(destinations.indexOf(hour.forwardTo ?? "") + 1);
    if (hour.first === "reject") return "×";
    return "";
  };
  const whatOf = (hour: WeekHour) =>
    hour.first === "ring" ? text("week.ring") : hour.first === "forward" ? forwardLabel(hour.forwardTo ?? "") : text("week.reject");
  const describe = (day: WeekDay, hour: WeekHour) => {
    const parts = [text("week.cell", { date: day.date, time: `${String(hour.hour).padStart(2, "0")}:00`, what: whatOf(hour) })];
    if (hour.scheduleRule) parts.push(hour.scheduleRule);
    if (day.holiday) parts.push(day.holiday);
    return parts.join(" / ");
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {text("week.help")}
      </Typography.Paragraph>
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={text("week.number")} htmlFor="simulation-week-number" style={{ minWidth: 420 }}>
          <SubscriberSelect
            id="simulation-week-number"
            enterpriseId={enterpriseId}
            valueKind="number"
            typed
            pilots={pilots}
            placeholder={text("form.calledPlaceholder")}
            value={number}
            onChange={(next) => onChange({ number: typeof next === "string" ? next : undefined })}
          />
        </Form.Item>
        <Form.Item label={text("week.from")} htmlFor="simulation-week-from">
          <DatePicker
            id="simulation-week-from"
            format="YYYY-MM-DD"
            allowClear={false}
            value={dayjs(from)}
            onChange={(value) => {
              if (value) onChange({ from: value.format("YYYY-MM-DD") });
            }}
          />
        </Form.Item>
      </Form>
      {(number === undefined || number === "") && <Typography.Text type="secondary">{text("week.choose")}</Typography.Text>}
      <ErrorAlert error={week.error} />
      {week.data && number && (
        <>
          {week.data.huntGroupId !== null && <Alert type="info" showIcon title={text("week.huntGroup")} />}
          <Flex gap={4} wrap role="group" aria-label={text("week.legend")}>
            <Tag style={{ background: ringColour.background, color: ringColour.color, borderColor: ringColour.background }}>{text("week.ring")}</Tag>
            {destinations.map((to, i) => {
              const background = forwardColours[i % forwardColours.length] ?? "#1677ff";
              return (
                <Tag key={to} style={{ background, color: "#fff", borderColor: background }}>
                  {i + 1}: {forwardLabel(to)}
                </Tag>
              );
            })}
            <Tag style={{ background: rejectColour.background, color: rejectColour.color, borderColor: rejectColour.background }}>× {text("week.reject")}</Tag>
            <Tag color="red">{text("week.holiday")}</Tag>
          </Flex>
          <div style={{ overflowX: "auto", opacity: week.isFetching ? 0.6 : 1 }}>
            <table style={{ borderCollapse: "collapse", fontSize: 12 }}>
              <caption style={{ textAlign: "start", paddingBottom: 4 }}>
                {text("week.caption", { number: week.data.number, from: week.data.days[0]?.date ?? from, zone: week.data.timeZone })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" style={{ textAlign: "start", paddingInlineEnd: 8 }}>
                    {text("week.date")}
                  </th>
                  {hours.map((hour) => (
                    <th key={hour} scope="col" style={{ ...cellStyle, fontWeight: 400, color: "#595959" }} aria-label={text("week.hourColumn", { hour })}>
                      {hour}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {week.data.days.map((day) => {
                  const weekday = weekdayOf(day.date);
                  return (
                    <tr key={day.date}>
                      <th
                        scope="row"
                        style={{
                          textAlign: "start",
                          fontWeight: 400,
                          whiteSpace: "nowrap",
                          paddingInlineEnd: 8,
                          color: day.holiday || weekday === 0 ? "#cf1322" : weekday === 6 ? "#0958d9" : undefined,
                        }}
                      >
                        {day.date.slice(5).replace("-", "/")}({text(`weekdays.${weekday as 0 | 1 | 2 | 3 | 4 | 5 | 6}`)})
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
                              {markOf(hour)}
                            </td>
                          </Tooltip>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Flex>
  );
}
