// The detailed view (M1 着信転送): 転送契約状況; 不応答転送 + 先 + タイマ(秒) 1–180 (default 20);
// 話中時転送 + 先; 無条件転送 + 先; スケジュール転送 + 時間帯転送名; and 留守番電話 with its
// condition and 呼び出し秒数. Each type is switched on by itself; destinations are checked as typed.
import { Button, Card, Checkbox, Flex, Form, Input, InputNumber, Select, Typography } from "antd";
import type { Rule } from "antd/es/form";
import { ErrorAlert } from "../../app/error-alert";
import { useErrorText } from "../../app/error-text";
import { useAccount } from "../../app/session";
import type { EditBase } from "../subscribers/edit-base";
import { useText } from "../subscribers/i18n";
import { useSchedulePulldown } from "../subscribers/queries";
import type { EnterpriseServices, ForwardingAnswer, ForwardingValues, VoicemailCondition } from "../subscribers/types";
import { compactNumber, destinationProblem } from "./destination-check";
import { forwardingValues, useSaveForwarding, type ForwardingPatch } from "./save-forwarding";

type ForwardType = "noAnswer" | "busy" | "unconditional";

export const voicemailConditions: readonly VoicemailCondition[] = ["all", "noAnswer", "busy", "busyOrNoAnswer"];

export const conditionKey = {
  all: "forwarding.conditionAll",
  noAnswer: "forwarding.conditionNoAnswer",
  busy: "forwarding.conditionBusy",
  busyOrNoAnswer: "forwarding.conditionBusyOrNoAnswer",
} as const;

export function DetailedForwardingForm({
  enterpriseId,
  subscriberId,
  inExtensionGroup,
  services,
  edit,
}: {
  enterpriseId: string;
  subscriberId: string;
  inExtensionGroup: boolean;
  services: EnterpriseServices | undefined;
  edit: EditBase<ForwardingAnswer>;
}) {
  const tx = useText();
  const errorText = useErrorText();
  const account = useAccount();
  const base = edit.base;
  const plan = services ?? base.services;
  const { save, reload, stale } = useSaveForwarding(enterpriseId, subscriberId, edit);
  // Group administrators don't manage schedules: the pull-down shows the assigned one only.
  const mayReadSchedules = account.role === "operator" || account.role === "enterpriseAdmin";
  const showSchedule = plan.scheduleForwarding || base.schedule.enabled;
  const showVoicemail = plan.voicemail || base.voicemail.enabled;
  const schedules = useSchedulePulldown(enterpriseId, mayReadSchedules && showSchedule);
  const scheduleOptions = (schedules.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  const assigned = base.schedule.scheduleId;
  if (assigned !== null && !scheduleOptions.some((o) => o.value === assigned)) scheduleOptions.unshift({ value: assigned, label: `#${assigned}` });

  const destinationRules = (type: ForwardType): Rule[] => [
    ({ getFieldValue }) => ({
      validator: async (_rule, value: string | undefined) => {
        const text = value ?? "";
        if (text.trim() === "") {
          if (getFieldValue([type, "enabled"]) === true) throw new Error(tx("forwarding.destinationRequired"));
          return;
        }
        const problem = destinationProblem(text, `${type}.destination`, inExtensionGroup);
        if (problem) throw new Error(errorText(problem));
      },
    }),
  ];

  const typeRow = (type: ForwardType) => {
    const name = tx(`forwarding.${type}`);
    return (
      <Form.Item label={name} required={false}>
        <Flex align="center" gap={12} wrap>
          <Form.Item name={[type, "enabled"]} valuePropName="checked" noStyle>
            <Checkbox aria-label={tx("forwarding.enabledOf", { type: name })} />
          </Form.Item>
          <Form.Item name={[type, "destination"]} noStyle dependencies={[[type, "enabled"]]} validateTrigger={["onBlur"]} rules={destinationRules(type)}>
            <Input aria-label={tx("forwarding.destinationOf", { type: name })} inputMode="tel" maxLength={32} style={{ width: 240 }} />
          </Form.Item>
        </Flex>
      </Form.Item>
    );
  };

  const submit = (values: ForwardingValues) => {
    const body: ForwardingPatch = {
      unconditional: { enabled: values.unconditional.enabled, destination: compactNumber(values.unconditional.destination) },
      busy: { enabled: values.busy.enabled, destination: compactNumber(values.busy.destination) },
      noAnswer: { enabled: values.noAnswer.enabled, destination: compactNumber(values.noAnswer.destination), timerSec: values.noAnswer.timerSec },
      ...(showSchedule ? { schedule: { enabled: values.schedule.enabled, scheduleId: values.schedule.scheduleId ?? null } } : {}),
      ...(showVoicemail ? { voicemail: values.voicemail } : {}),
    };
    save.mutate(body);
  };

  return (
    <Card size="small" title={tx("detail.tabForwarding")}>
      <Form<ForwardingValues>
        key={base.version}
        name="forwarding-detailed"
        layout="horizontal"
        labelCol={{ flex: "200px" }}
        labelWrap
        style={{ maxWidth: 860 }}
        initialValues={forwardingValues(base)}
        disabled={save.isPending}
        onValuesChange={() => edit.setDirty(true)}
        onFinish={submit}
      >
        <Form.Item label={tx("forwarding.contract")}>
          <Typography.Text>{tx("forwarding.contracted")}</Typography.Text>
        </Form.Item>
        {typeRow("noAnswer")}
        <Form.Item
          label={tx("forwarding.noAnswerTimer")}
          name={["noAnswer", "timerSec"]}
          required
          rules={[{ required: true, type: "integer", min: 1, max: 180, message: tx("forwarding.timerRange") }]}
        >
          <InputNumber min={1} max={180} precision={0} style={{ width: 120 }} />
        </Form.Item>
        {typeRow("busy")}
        {typeRow("unconditional")}
        {showSchedule && (
          <Form.Item label={tx("forwarding.schedule")} extra={plan.scheduleForwarding ? undefined : tx("forwarding.scheduleNoContract")}>
            <Flex align="center" gap={12} wrap>
              <Form.Item name={["schedule", "enabled"]} valuePropName="checked" noStyle>
                <Checkbox aria-label={tx("forwarding.enabledOf", { type: tx("forwarding.schedule") })} />
              </Form.Item>
              <Form.Item
                name={["schedule", "scheduleId"]}
                noStyle
                dependencies={[["schedule", "enabled"]]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value: number | null | undefined) => {
                      if (getFieldValue(["schedule", "enabled"]) === true && (value === null || value === undefined)) {
                        throw new Error(tx("forwarding.scheduleName"));
                      }
                    },
                  }),
                ]}
              >
                <Select<number | null>
                  aria-label={tx("forwarding.scheduleName")}
                  placeholder={tx("forwarding.scheduleName")}
                  style={{ width: 240 }}
                  allowClear
                  options={scheduleOptions}
                  loading={schedules.isFetching}
                  disabled={!mayReadSchedules}
                  notFoundContent={tx("forwarding.scheduleNone")}
                />
              </Form.Item>
            </Flex>
          </Form.Item>
        )}
        {showVoicemail && (
          <Form.Item label={tx("forwarding.voicemail")} extra={plan.voicemail ? undefined : tx("forwarding.voicemailNoContract")}>
            <Flex align="center" gap={12} wrap>
              <Form.Item name={["voicemail", "enabled"]} valuePropName="checked" noStyle>
                <Checkbox aria-label={tx("forwarding.enabledOf", { type: tx("forwarding.voicemail") })} />
              </Form.Item>
              <Form.Item name={["voicemail", "condition"]} noStyle>
                <Select<VoicemailCondition>
                  aria-label={tx("forwarding.condition")}
                  style={{ width: 200 }}
                  options={voicemailConditions.map((c) => ({ value: c, label: tx(conditionKey[c]) }))}
                />
              </Form.Item>
              <Typography.Text>{tx("forwarding.ringSec")}</Typography.Text>
              <Form.Item name={["voicemail", "ringSec"]} noStyle rules={[{ required: true, type: "integer", min: 1, max: 180, message: tx("forwarding.timerRange") }]}>
                <InputNumber aria-label={tx("forwarding.ringSec")} min={1} max={180} precision={0} style={{ width: 100 }} />
              </Form.Item>
            </Flex>
          </Form.Item>
        )}
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{tx("forwarding.order")}</Typography.Text>
          <Typography.Text type="secondary">{tx("forwarding.internationalNote")}</Typography.Text>
          <ErrorAlert error={save.error} />
          <ErrorAlert error={reload.error} />
          <Flex gap={12}>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {tx("forwarding.submit")}
            </Button>
            {stale && (
              <Button onClick={() => reload.mutate()} loading={reload.isPending}>
                {tx("common.reload")}
              </Button>
            )}
          </Flex>
        </Flex>
      </Form>
    </Card>
  );
}
