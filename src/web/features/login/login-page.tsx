// ログイン (features.md §1): 企業ID (enterprise accounts only), ログインID, パスワード.
import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Card, Flex, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { LoginBody } from "../../api/types";
import { ErrorAlert } from "../../app/error-alert";
import { LanguageSwitch } from "../../app/language-switch";
import { useSession } from "../../app/session";

interface LoginValues {
  enterpriseId?: string;
  loginId: string;
  password: string;
}

function toBody(values: LoginValues): LoginBody {
  const enterpriseId = values.enterpriseId?.trim();
  return {
    ...(enterpriseId ? { enterpriseId } : {}),
    loginId: values.loginId.trim(),
    password: values.password,
  };
}

/** Why the previous session ended, until the user tries again. */
function SessionEndNotice() {
  const { t } = useTranslation();
  const { ended } = useSession();
  if (!ended) return null;
  if (ended.reason === "expired") return <ErrorAlert error={ended.error} />;
  return <Alert type="info" showIcon title={t("login.loggedOut")} />;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useSession();
  const [form] = Form.useForm<LoginValues>();
  // On success the session changes and the login route moves on to the portal.
  const mutation = useMutation({ mutationFn: (values: LoginValues) => login(toBody(values)) });

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: "100vh", padding: 16, background: "#f5f5f5" }}>
      <title>{`${t("login.heading")} | ${t("app.title")}`}</title>
      <Card style={{ width: "100%", maxWidth: 440 }}>
        <Flex justify="space-between" align="start" gap={12} wrap style={{ marginBottom: 16 }}>
          <div>
            <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
              {t("app.name")}
            </Typography.Title>
            <Typography.Text type="secondary">{t("app.subtitle")}</Typography.Text>
          </div>
          <LanguageSwitch />
        </Flex>
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
          {t("login.heading")}
        </Typography.Title>
        <Flex vertical gap={12} style={{ marginBottom: 16 }}>
          {mutation.isIdle ? <SessionEndNotice /> : <ErrorAlert error={mutation.error} />}
        </Flex>
        <Form<LoginValues>
          form={form}
          name="login"
          layout="vertical"
          requiredMark={false}
          disabled={mutation.isPending}
          onFinish={(values) => mutation.mutate(values)}
        >
          <Form.Item<LoginValues> label={t("login.enterpriseId")} name="enterpriseId" extra={t("login.enterpriseIdHint")}>
            <Input autoComplete="organization" spellCheck={false} />
          </Form.Item>
          <Form.Item<LoginValues>
            label={t("login.loginId")}
            name="loginId"
            extra={t("login.loginIdHint")}
            rules={[{ required: true, whitespace: true, message: t("login.loginIdRequired") }]}
          >
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" spellCheck={false} />
          </Form.Item>
          <Form.Item<LoginValues>
            label={t("login.password")}
            name="password"
            extra={t("login.halfWidth")}
            rules={[{ required: true, message: t("login.passwordRequired") }]}
          >
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={mutation.isPending}>
            {t("login.submit")}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
