// パスワード変更 of the logged-in user (features.md §1): 8108 wrong current, 8105 mismatch,
// 8107 format. The form checks the format and the confirmation at once; what the server
// answers is what counts.
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Card, Flex, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { PasswordChangeBody } from "../../api/types";
import { ErrorAlert } from "../../app/error-alert";
import { useAccount } from "../../app/session";
import { passwordPattern } from "./password-rules";

export function PasswordPage() {
  const { t } = useTranslation();
  const account = useAccount();
  const [form] = Form.useForm<PasswordChangeBody>();
  const change = useMutation({
    mutationFn: (body: PasswordChangeBody) => unwrap(api.PUT("/api/v1/session/password", { body })),
    onSuccess: () => form.resetFields(),
  });

  return (
    <Flex vertical gap={16} style={{ maxWidth: 560 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t("password.heading")}
      </Typography.Title>
      <Card>
        <Typography.Paragraph type="secondary">{t("password.help")}</Typography.Paragraph>
        <Flex vertical gap={12} style={{ marginBottom: change.isIdle ? 0 : 16 }}>
          {change.isSuccess && <Alert type="success" showIcon title={t("password.changed")} />}
          <ErrorAlert error={change.error} />
        </Flex>
        <Form<PasswordChangeBody>
          form={form}
          name="password"
          layout="vertical"
          requiredMark={false}
          disabled={change.isPending}
          onFinish={(values) => change.mutate(values)}
          onValuesChange={() => {
            if (change.isSuccess) change.reset();
          }}
        >
          {/* Lets password managers know whose password changes. */}
          <input type="text" name="username" autoComplete="username" value={account.loginId} readOnly hidden />
          <Form.Item<PasswordChangeBody>
            label={t("password.current")}
            name="currentPassword"
            rules={[{ required: true, message: t("password.currentRequired") }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item<PasswordChangeBody>
            label={t("password.new")}
            name="newPassword"
            rules={[
              { required: true, message: t("password.newRequired") },
              { pattern: passwordPattern, message: t("password.format") },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item<PasswordChangeBody>
            label={t("password.confirm")}
            name="newPasswordConfirm"
            dependencies={["newPassword"]}
            rules={[
              { required: true, message: t("password.confirmRequired") },
              ({ getFieldValue }) => ({
                validator: (_rule, value: unknown) =>
                  !value || value === getFieldValue("newPassword")
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("password.mismatch"))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t("password.submit")}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
