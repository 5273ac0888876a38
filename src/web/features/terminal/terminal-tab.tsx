// 端末 of one number (features.md §9; M2 ch.2): 端末認証 ON/OFF and ワンタイム解除 (only while ON: the
// next setup on another device is allowed once), 変更 with If-Match; the device state (bound
// device, last setup, CallKit, backup data); 緊急停止 / 解除 and 初期化 behind confirmations.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, Form, Radio, Tag, Typography } from "antd";
import { ApiError, api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { useDateTime } from "../../app/format";
import { PageSpin } from "../../app/page-spin";
import { ifMatch } from "../extension-groups/group-kit";
import { useEditBase } from "../subscribers/edit-base";
import { useTerminalTexts } from "./i18n";
import { fetchTerminal, formatBytes, terminalKey, type TerminalView } from "./queries";
import { useTerminalActions } from "./terminal-actions";

interface AuthForm {
  authentication: boolean;
  oneTimeRelease: boolean;
}

export function TerminalTab({ enterpriseId, subscriberId, number }: { enterpriseId: string; subscriberId: string; number: string }) {
  const text = useTerminalTexts();
  const terminal = useQuery({ queryKey: terminalKey(enterpriseId, subscriberId), queryFn: () => fetchTerminal(enterpriseId, subscriberId) });
  if (terminal.isPending) return <PageSpin />;
  if (terminal.isError) {
    if (terminal.error instanceof ApiError && terminal.error.code === "8116") return <Alert type="info" showIcon title={text("noApp")} />;
    return <ErrorAlert error={terminal.error} />;
  }
  return <TerminalPanel enterpriseId={enterpriseId} subscriberId={subscriberId} number={number} latest={terminal.data} />;
}

function TerminalPanel({ enterpriseId, subscriberId, number, latest }: { enterpriseId: string; subscriberId: string; number: string; latest: TerminalView }) {
  const text = useTerminalTexts();
  const dateTime = useDateTime();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const edit = useEditBase(latest);
  const base = edit.base;
  const key = terminalKey(enterpriseId, subscriberId);
  const [form] = Form.useForm<AuthForm>();
  const authentication = Form.useWatch("authentication", form) ?? base.authentication;

  const save = useMutation({
    mutationFn: async (values: AuthForm) => {
      const from = edit.version();
      const saved = await unwrap(
        api.PUT("/api/v1/enterprises/{eid}/subscribers/{sid}/terminal", {
          params: { path: { eid: enterpriseId, sid: subscriberId } },
          headers: ifMatch(from),
          body: { authentication: values.authentication, oneTimeRelease: values.authentication && values.oneTimeRelease },
        }),
      );
      return { saved, from };
    },
    onSuccess: ({ saved, from }) => {
      queryClient.setQueryData(key, saved);
      edit.rebase(saved, from);
      void queryClient.invalidateQueries({ queryKey: ["subscribers", enterpriseId] });
      void message.success(text("auth.saved"));
    },
  });
  const reload = useMutation({
    mutationFn: () => fetchTerminal(enterpriseId, subscriberId),
    onSuccess: (fresh) => {
      queryClient.setQueryData(key, fresh);
      save.reset();
      edit.rebase(fresh);
    },
  });
  const stale = save.error instanceof ApiError && save.error.code === "8111";
  const actions = useTerminalActions(enterpriseId, (view) => {
    queryClient.setQueryData(key, view);
    edit.rebase(view, edit.version());
  });
  const target = { id: subscriberId, number };
  const onOff = (value: boolean) => (value ? text("on") : text("off"));

  return (
    <Flex vertical gap={24}>
      <Card size="small" title={text("auth.title")}>
        <Form<AuthForm>
          key={base.version}
          form={form}
          name="terminal-auth"
          layout="horizontal"
          labelCol={{ flex: "200px" }}
          labelWrap
          style={{ maxWidth: 860 }}
          initialValues={{ authentication: base.authentication, oneTimeRelease: base.oneTimeRelease }}
          disabled={save.isPending}
          onValuesChange={(changed: Partial<AuthForm>) => {
            edit.setDirty(true);
            if (changed.authentication === false) form.setFieldValue("oneTimeRelease", false);
          }}
          onFinish={(values) => save.mutate({ ...values, oneTimeRelease: values.oneTimeRelease ?? false })}
        >
          <Form.Item<AuthForm> label={text("auth.authentication")} name="authentication" extra={text("auth.authenticationHelp")}>
            <Radio.Group
              aria-label={text("auth.authentication")}
              options={[
                { value: true, label: text("on") },
                { value: false, label: text("off") },
              ]}
            />
          </Form.Item>
          <Form.Item<AuthForm>
            label={text("auth.oneTimeRelease")}
            name="oneTimeRelease"
            valuePropName="checked"
            extra={authentication ? text("auth.oneTimeReleaseHelp") : text("auth.oneTimeNeedsAuth")}
          >
            <Checkbox disabled={!authentication}>{text("auth.releaseOnce")}</Checkbox>
          </Form.Item>
          <Flex vertical gap={12}>
            {base.authentication && base.oneTimeRelease && <Alert type="warning" showIcon title={text("auth.releasePending")} />}
            <ErrorAlert error={save.error} />
            <ErrorAlert error={reload.error} />
            <Flex gap={12}>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {text("change")}
              </Button>
              {stale && (
                <Button onClick={() => reload.mutate()} loading={reload.isPending}>
                  {text("reload")}
                </Button>
              )}
            </Flex>
          </Flex>
        </Form>
      </Card>
      <Card size="small" title={text("state.title")}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "authentication", label: text("state.authentication"), children: onOff(base.authentication) },
            {
              key: "oneTimeRelease",
              label: text("state.oneTimeRelease"),
              children: base.oneTimeRelease ? <Tag color="orange">{text("state.releasePending")}</Tag> : text("none"),
            },
            { key: "boundDevice", label: text("state.boundDevice"), children: base.boundDeviceId ?? text("state.noDevice") },
            { key: "provisionedAt", label: text("state.provisionedAt"), children: base.provisionedAt ? dateTime(base.provisionedAt) : text("none") },
            { key: "callKit", label: text("state.callKit"), children: onOff(base.callKit) },
            {
              key: "backup",
              label: text("state.backup"),
              children: base.backup ? text("state.backupValue", { size: formatBytes(base.backup.sizeBytes), date: dateTime(base.backup.updatedAt) }) : text("none"),
            },
            { key: "initializedAt", label: text("state.initializedAt"), children: base.initializedAt ? dateTime(base.initializedAt) : text("none") },
            {
              key: "emergency",
              label: text("state.emergency"),
              children: (
                <Flex vertical gap={4}>
                  {base.emergencyStopped ? <Tag color="red">{text("state.stopped")}</Tag> : <span>{text("state.running")}</span>}
                  {base.wipePending && <Typography.Text type="secondary">{text("state.wipePending")}</Typography.Text>}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={text("actions.title")}>
        <Flex vertical gap={12}>
          <ErrorAlert error={actions.error} onClose={actions.clearError} />
          <Flex gap={12} align="center" wrap>
            {base.emergencyStopped ? (
              <Button onClick={() => actions.emergency(target, false)}>{text("actions.release")}</Button>
            ) : (
              <Button danger onClick={() => actions.emergency(target, true)}>
                {text("actions.stop")}
              </Button>
            )}
            <Typography.Text type="secondary">{text("actions.stopHelp")}</Typography.Text>
          </Flex>
          <Flex gap={12} align="center" wrap>
            <Button danger onClick={() => actions.initialize(target)}>
              {text("actions.initialize")}
            </Button>
            <Typography.Text type="secondary">{text("actions.initializeHelp")}</Typography.Text>
          </Flex>
        </Flex>
      </Card>
    </Flex>
  );
}
