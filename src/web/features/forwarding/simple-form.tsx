// The simple view (M2 留守番電話/転送設定): オフ | 留守番電話 | 転送, the condition (すべての着信(無条件) |
// 無応答時 | 話中時のみ | 話中かつ無応答時), the destination of 転送 and 呼び出し秒数 for the no-answer
// conditions. Settings this view can't express are not overwritten: it says so and links to 詳細.
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Radio, Typography } from "antd";
import { ErrorAlert } from "../../app/error-alert";
import { useErrorText } from "../../app/error-text";
import type { EditBase } from "../subscribers/edit-base";
import { useText } from "../subscribers/i18n";
import type { EnterpriseServices, ForwardingAnswer } from "../subscribers/types";
import { fromSimpleView, toSimpleView, type SimpleView } from "../../../domain/forwarding/forwarding.ts";
import { conditionKey, voicemailConditions } from "./detailed-form";
import { compactNumber, destinationProblem } from "./destination-check";
import { forwardingValues, useSaveForwarding } from "./save-forwarding";

export const simpleModes = ["off", "voicemail", "forward"] as const;
export const modeKey = { off: "forwarding.modeOff", voicemail: "forwarding.modeVoicemail", forward: "forwarding.modeForward" } as const;

/** Whether the condition rings first, so that 呼び出し秒数 applies. */
export function ringsFirst(condition: SimpleView["condition"]): boolean {
  return condition === "noAnswer" || condition === "busyOrNoAnswer";
}

export interface SimpleFormProps {
  enterpriseId: string;
  subscriberId: string;
  inExtensionGroup: boolean;
  services: EnterpriseServices | undefined;
  edit: EditBase<ForwardingAnswer>;
  onDetailed: () => void;
}

export function SimpleForwardingForm(props: SimpleFormProps) {
  const tx = useText();
  const view = toSimpleView(forwardingValues(props.edit.base));
  if (view === undefined) {
    return (
      <Alert
        type="warning"
        showIcon
        title={tx("forwarding.notSimple")}
        action={
          <Button type="primary" onClick={props.onDetailed}>
            {tx("forwarding.openDetailed")}
          </Button>
        }
      />
    );
  }
  return <SimpleEditor {...props} view={view} />;
}

function SimpleEditor({ enterpriseId, subscriberId, inExtensionGroup, services, edit, view }: SimpleFormProps & { view: SimpleView }) {
  const tx = useText();
  const errorText = useErrorText();
  const base = edit.base;
  const plan = services ?? base.services;
  const { save, reload, stale } = useSaveForwarding(enterpriseId, subscriberId, edit);
  const [form] = Form.useForm<SimpleView>();
  const mode = Form.useWatch("mode", form) ?? view.mode;
  const condition = Form.useWatch("condition", form) ?? view.condition;

  const submit = () => {
    // Every value of the view, also those of fields hidden by the current choice.
    const values = form.getFieldsValue(true) as SimpleView;
    const next = fromSimpleView(forwardingValues(base), {
      mode: values.mode,
      condition: values.condition,
      destination: compactNumber(values.destination ?? ""),
      ringSec: values.ringSec,
    });
    save.mutate({ unconditional: next.unconditional, busy: next.busy, noAnswer: next.noAnswer, voicemail: next.voicemail });
  };

  const voicemailAllowed = plan.voicemail || view.mode === "voicemail";
  return (
    <Card size="small" title={tx("detail.tabForwarding")}>
      <Form<SimpleView>
        key={base.version}
        form={form}
        name="forwarding-simple"
        layout="horizontal"
        labelCol={{ flex: "200px" }}
        labelWrap
        style={{ maxWidth: 860 }}
        initialValues={{ ...view, condition: view.mode === "off" ? "noAnswer" : view.condition }}
        disabled={save.isPending}
        onValuesChange={() => edit.setDirty(true)}
        onFinish={submit}
      >
        <Form.Item<SimpleView> label={tx("forwarding.mode")} name="mode">
          <Radio.Group
            options={simpleModes.map((m) => ({
              value: m,
              label: tx(modeKey[m]),
              disabled: m === "voicemail" && !voicemailAllowed,
            }))}
          />
        </Form.Item>
        {!voicemailAllowed && (
          <Form.Item label=" " colon={false}>
            <Typography.Text type="secondary">{tx("forwarding.voicemailNoContract")}</Typography.Text>
          </Form.Item>
        )}
        {mode !== "off" && (
          <Form.Item<SimpleView> label={tx("forwarding.condition")} name="condition">
            <Radio.Group options={voicemailConditions.map((c) => ({ value: c, label: tx(conditionKey[c]) }))} />
          </Form.Item>
        )}
        {mode === "forward" && (
          <Form.Item<SimpleView>
            label={tx("forwarding.destination")}
            name="destination"
            validateTrigger={["onBlur"]}
            rules={[
              { required: true, whitespace: true, message: tx("forwarding.destinationRequired") },
              {
                validator: async (_rule, value: string | undefined) => {
                  const problem = destinationProblem(value ?? "", "destination", inExtensionGroup);
                  if (problem) throw new Error(errorText(problem));
                },
              },
            ]}
          >
            <Input inputMode="tel" maxLength={32} style={{ width: 240 }} />
          </Form.Item>
        )}
        {mode !== "off" && ringsFirst(condition) && (
          <Form.Item<SimpleView>
            label={tx("forwarding.ringSec")}
            name="ringSec"
            rules={[{ required: true, type: "integer", min: 1, max: 180, message: tx("forwarding.timerRange") }]}
          >
            <InputNumber min={1} max={180} precision={0} style={{ width: 120 }} />
          </Form.Item>
        )}
        <Flex vertical gap={12}>
          <ErrorAlert error={save.error} />
          <ErrorAlert error={reload.error} />
          <Flex gap={12}>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {tx("forwarding.submitSimple")}
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
