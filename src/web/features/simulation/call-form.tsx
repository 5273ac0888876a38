// The call to simulate (routing.md §Input): 着信 (called number or hunt pilot, caller: a number,
// 非通知 or a subscriber) or 発信 (calling subscriber, dialled digits), the date and time in the
// enterprise's time zone, who is busy or unregistered, and the seed of random hunt groups.
import { Button, Col, Collapse, DatePicker, Flex, Form, Input, InputNumber, Radio, Row, TimePicker, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect } from "react";
import { useSimulationTexts } from "./i18n";
import { instantOf, wallClockAt } from "./local-time";
import { digitsOf, isDigits, SubscriberSelect } from "./subscriber-select";
import type { RouteBody } from "./types";

interface FormValues {
  direction: "inbound" | "outbound";
  called?: string;
  callerKind: "number" | "anonymous" | "subscriber";
  callerDigits?: string;
  callerNumber?: string;
  caller?: string;
  dialed?: string;
  date?: Dayjs;
  time?: Dayjs;
  busy?: string[];
  unregistered?: string[];
  seed?: number | null;
}

/** The simulated instant as the user chose it, for the heading of the result. */
export interface Moment {
  readonly date: string;
  readonly time: string;
  readonly timeZone: string;
}

function nowIn(timeZone: string): { date: Dayjs; time: Dayjs } {
  const clock = wallClockAt(new Date(), timeZone);
  return { date: dayjs(clock.date), time: dayjs(`${clock.date}T${clock.time}`) };
}

export function CallForm({
  enterpriseId,
  timeZone,
  pilots,
  own,
  pending,
  onRun,
}: {
  enterpriseId: string;
  timeZone: string;
  pilots: ReadonlyMap<string, string>;
  /** An end user: their own number, the only one they may simulate. */
  own: { id: string; number: string } | undefined;
  pending: boolean;
  onRun: (body: RouteBody, moment: Moment) => void;
}) {
  const text = useSimulationTexts();
  const [form] = Form.useForm<FormValues>();
  const direction = Form.useWatch("direction", form) ?? "inbound";
  const callerKind = Form.useWatch("callerKind", form) ?? "number";

  // The enterprise's zone may differ from the one "now" was first shown in.
  useEffect(() => {
    if (!form.isFieldsTouched(["date", "time"])) form.setFieldsValue(nowIn(timeZone));
  }, [form, timeZone]);
  // End users simulate their own number.
  const ownId = own?.id;
  const ownNumber = own?.number;
  useEffect(() => {
    if (ownId !== undefined && ownNumber !== undefined) form.setFieldsValue({ called: ownNumber, caller: ownId });
  }, [form, ownId, ownNumber]);

  const digitsRule = (required: string) => ({
    validator: async (_: unknown, value: string | undefined) => {
      if (value === undefined || value.trim() === "") throw new Error(required);
      if (!isDigits(digitsOf(value))) throw new Error(text("form.digitsOnly"));
    },
  });

  const submit = (values: FormValues) => {
    const date = (values.date ?? dayjs()).format("YYYY-MM-DD");
    const time = (values.time ?? dayjs()).format("HH:mm");
    const at = instantOf({ date, time }, timeZone);
    const call: RouteBody["call"] =
      values.direction === "inbound"
        ? {
            direction: "inbound",
            from:
              values.callerKind === "anonymous"
                ? "anonymous"
                : values.callerKind === "subscriber"
                  ? (values.callerNumber ?? "")
                  : digitsOf(values.callerDigits ?? ""),
            dialed: digitsOf(values.called ?? ""),
            at,
          }
        : { direction: "outbound", from: "", caller: values.caller ?? "", dialed: digitsOf(values.dialed ?? ""), at };
    const state: NonNullable<RouteBody["state"]> = {
      ...(values.busy?.length ? { busy: values.busy } : {}),
      ...(values.unregistered?.length ? { unregistered: values.unregistered } : {}),
      ...(typeof values.seed === "number" ? { seed: values.seed } : {}),
    };
    onRun({ call, state }, { date, time, timeZone });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ direction: "inbound", callerKind: "number", busy: [], unregistered: [], ...nowIn(timeZone) }}
      onFinish={submit}
      disabled={pending}
    >
      <Form.Item name="direction" label={text("form.direction")}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: "inbound", label: text("form.inbound") },
            { value: "outbound", label: text("form.outbound") },
          ]}
        />
      </Form.Item>
      {own !== undefined && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {text("form.ownNumber")}
        </Typography.Paragraph>
      )}
      {direction === "inbound" ? (
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Form.Item name="called" label={text("form.called")} rules={[{ required: true, message: text("form.calledRequired") }]}>
              <SubscriberSelect enterpriseId={enterpriseId} valueKind="number" typed={own === undefined} pilots={pilots} placeholder={text("form.calledPlaceholder")} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="callerKind" label={text("form.callerKind")}>
              <Radio.Group
                options={[
                  { value: "number", label: text("form.callerNumber") },
                  { value: "anonymous", label: text("form.callerAnonymous") },
                  { value: "subscriber", label: text("form.callerSubscriber") },
                ]}
              />
            </Form.Item>
            {callerKind === "number" && (
              <Form.Item name="callerDigits" label={text("form.callerDigits")} rules={[digitsRule(text("form.callerDigitsRequired"))]}>
                <Input inputMode="tel" autoComplete="off" placeholder={text("form.callerDigitsPlaceholder")} maxLength={40} />
              </Form.Item>
            )}
            {callerKind === "subscriber" && (
              <Form.Item name="callerNumber" label={text("form.callerSubscriber")} rules={[{ required: true, message: text("form.callerSubscriberRequired") }]}>
                <SubscriberSelect enterpriseId={enterpriseId} valueKind="number" />
              </Form.Item>
            )}
          </Col>
        </Row>
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Form.Item name="caller" label={text("form.callingSubscriber")} rules={[{ required: true, message: text("form.callingSubscriberRequired") }]}>
              <SubscriberSelect enterpriseId={enterpriseId} valueKind="id" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="dialed" label={text("form.dialed")} extra={text("form.dialedHelp")} rules={[digitsRule(text("form.dialedRequired"))]}>
              <Input inputMode="tel" autoComplete="off" placeholder={text("form.dialedPlaceholder")} maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Flex gap={16} align="end" wrap>
        <Form.Item name="date" label={text("form.date")} rules={[{ required: true }]}>
          <DatePicker format="YYYY-MM-DD" allowClear={false} />
        </Form.Item>
        <Form.Item name="time" label={text("form.time")} rules={[{ required: true }]}>
          <TimePicker format="HH:mm" allowClear={false} needConfirm={false} />
        </Form.Item>
        <Form.Item>
          <Button onClick={() => form.setFieldsValue(nowIn(timeZone))}>{text("form.now")}</Button>
        </Form.Item>
        <Form.Item>
          <Typography.Text type="secondary">{text("form.timeZone", { zone: timeZone })}</Typography.Text>
        </Form.Item>
      </Flex>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Form.Item name="busy" label={text("form.busy")}>
            <SubscriberSelect enterpriseId={enterpriseId} valueKind="id" multiple />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item name="unregistered" label={text("form.unregistered")} extra={text("form.stateHelp")}>
            <SubscriberSelect enterpriseId={enterpriseId} valueKind="id" multiple />
          </Form.Item>
        </Col>
      </Row>
      <Collapse
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          {
            key: "advanced",
            label: text("form.advanced"),
            forceRender: true,
            children: (
              <Form.Item name="seed" label={text("form.seed")} extra={text("form.seedHelp")} style={{ marginBottom: 0 }}>
                <InputNumber precision={0} min={-2147483648} max={2147483647} style={{ width: 200 }} />
              </Form.Item>
            ),
          },
        ]}
      />
      <Button type="primary" htmlType="submit" loading={pending}>
        {text("form.run")}
      </Button>
    </Form>
  );
}
