// ログイン用パスワード変更 (features.md §9, M2 ch.2): an administrator sets the password the number's
// end user logs in to the portal with. Write-only: only whether one is set is shown.
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Card, Flex, Form, Input, Typography } from "antd";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { passwordPattern } from "../password/password-rules";
import { useText } from "./i18n";

interface PasswordForm {
  newPassword: string;
  newPasswordConfirm: string;
}

export function LoginPasswordCard({ enterpriseId, subscriberId, passwordSet }: { enterpriseId: string; subscriberId: string; passwordSet: boolean }) {
  const tx = useText();
  const [form] = Form.useForm<PasswordForm>();
  const change = useMutation({
    mutationFn: (body: PasswordForm) =>
      unwrap(api.PUT("/api/v1/enterprises/{eid}/subscribers/{sid}/password", { params: { path: { eid: enterpriseId, sid: subscriberId } }, body })),
    onSuccess: () => form.resetFields(),
  });
  const isSet = passwordSet || change.isSuccess;

  return (
    <Card title={tx("loginPassword.title")} size="small">
      <Typography.Paragraph type="secondary">{tx("loginPassword.help")}</Typography.Paragraph>
      <Typography.Paragraph>{tx("loginPassword.state", { state: isSet ? tx("loginPassword.set") : tx("loginPassword.notSet") })}</Typography.Paragraph>
      <Form<PasswordForm>
        form={form}
        name="subscriber-login-password"
        layout="horizontal"
        labelCol={{ flex: "200px" }}
        labelWrap
        style={{ maxWidth: 760 }}
        requiredMark={false}
        disabled={change.isPending}
        onFinish={(values) => change.mutate(values)}
        onValuesChange={() => {
          if (change.isSuccess) change.reset();
        }}
      >
        <input type="text" name="username" autoComplete="username" value={subscriberId} readOnly hidden />
        <Form.Item<PasswordForm>
          label={tx("loginPassword.new")}
          name="newPassword"
          rules={[
            { required: true, message: tx("loginPassword.required") },
            { pattern: passwordPattern, message: tx("info.passwordFormat") },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={32} />
        </Form.Item>
        <Form.Item<PasswordForm>
          label={tx("loginPassword.confirm")}
          name="newPasswordConfirm"
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: tx("loginPassword.required") },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || getFieldValue("newPassword") === value ? Promise.resolve() : Promise.reject(new Error(tx("loginPassword.mismatch"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={32} />
        </Form.Item>
        <Flex vertical gap={12}>
          {change.isSuccess && <Alert type="success" showIcon title={tx("loginPassword.changed")} />}
          <ErrorAlert error={change.error} />
          <div>
            <Button htmlType="submit" loading={change.isPending}>
              {tx("loginPassword.submit")}
            </Button>
          </div>
        </Flex>
      </Form>
    </Card>
  );
}
