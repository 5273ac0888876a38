// ログインアカウントの追加 and the account's detail (登録内容 and パスワード変更), as dialogs over
// the search list. The forms check formats at once (8106 login ID, 8107 password, 8105
// confirmation); the server's answer (8112 duplicate, 8104 built-in…) is shown in the dialog.
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Descriptions, Divider, Flex, Form, Input, Modal, Radio, Select, Tag, Typography } from "antd";
import type { Rule } from "antd/es/form";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { lineIdsOf, useEnterpriseInfo } from "../../app/enterprise-scope";
import { ErrorAlert } from "../../app/error-alert";
import { passwordPattern } from "../password/password-rules";
import { useAccountTexts } from "./i18n";
import { loginIdPattern, type AccountRole, type LoginAccount, type NewAccountBody } from "./types";

export function useAdminGroupOptions(enterpriseId: string) {
  const groups = useQuery({
    queryKey: ["admin-groups", enterpriseId, "options"],
    queryFn: () =>
      unwrap(api.GET("/api/v1/enterprises/{eid}/admin-groups", { params: { path: { eid: enterpriseId }, query: { sort: "name", limit: 500 } } })),
  });
  return { options: (groups.data?.items ?? []).map((group) => ({ value: group.id, label: group.name })), loading: groups.isFetching };
}

function usePasswordRules(first: string) {
  const text = useAccountTexts();
  const password: Rule[] = [
    { required: true, message: text("passwordRequired") },
    { pattern: passwordPattern, message: text("passwordFormat") },
  ];
  const confirm: Rule[] = [
    { required: true, message: text("passwordRequired") },
    ({ getFieldValue }) => ({
      validator: (_rule, value: unknown) =>
        !value || value === getFieldValue(first) ? Promise.resolve() : Promise.reject(new Error(text("passwordMismatch"))),
    }),
  ];
  return { password, confirm };
}

interface NewAccountFields {
  role: AccountRole;
  adminGroupId?: number;
  loginId: string;
  password: string;
  passwordConfirm: string;
  memo?: string;
}

export function AddAccountDialog({ enterpriseId, onClose, onAdded }: { enterpriseId: string; onClose: () => void; onAdded: (loginId: string) => void }) {
  const text = useAccountTexts();
  const { t } = useTranslation();
  const [form] = Form.useForm<NewAccountFields>();
  const role = Form.useWatch("role", form) ?? "enterpriseAdmin";
  const groups = useAdminGroupOptions(enterpriseId);
  const rules = usePasswordRules("password");
  const add = useMutation({
    mutationFn: (body: NewAccountBody) => unwrap(api.POST("/api/v1/enterprises/{eid}/accounts", { params: { path: { eid: enterpriseId } }, body })),
    onSuccess: (account) => onAdded(account.loginId),
  });
  return (
    <Modal
      open
      title={text("addTitle")}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t("common.cancel")}
        </Button>,
        <Button key="add" type="primary" loading={add.isPending} onClick={() => form.submit()}>
          {t("common.add")}
        </Button>,
      ]}
      destroyOnHidden
      width={560}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{text("requiredNote")}</Typography.Text>
        <Form<NewAccountFields>
          form={form}
          layout="vertical"
          name="new-account"
          initialValues={{ role: "enterpriseAdmin", loginId: "", password: "", passwordConfirm: "", memo: "" }}
          disabled={add.isPending}
          onFinish={(values) =>
            add.mutate({
              role: values.role,
              loginId: values.loginId,
              password: values.password,
              passwordConfirm: values.passwordConfirm,
              memo: values.memo ?? "",
              ...(values.role === "groupAdmin" ? { adminGroupId: values.adminGroupId ?? null } : {}),
            })
          }
        >
          <Form.Item<NewAccountFields> label={text("role")} name="role" rules={[{ required: true }]}>
            <Radio.Group options={(["enterpriseAdmin", "groupAdmin"] as const).map((value) => ({ value, label: text(`roles.${value}`) }))} />
          </Form.Item>
          {role === "groupAdmin" && (
            <Form.Item<NewAccountFields> label={text("group")} name="adminGroupId" rules={[{ required: true, message: text("groupRequired") }]}>
              <Select aria-label={text("group")} options={groups.options} loading={groups.loading} showSearch={{ optionFilterProp: "label" }} />
            </Form.Item>
          )}
          <Form.Item<NewAccountFields>
            label={text("loginId")}
            name="loginId"
            extra={text("loginIdHelp")}
            rules={[
              { required: true, message: text("loginIdRequired") },
              { pattern: loginIdPattern, message: text("loginIdFormat") },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item<NewAccountFields> label={text("password")} name="password" extra={text("passwordHelp")} rules={rules.password}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item<NewAccountFields> label={text("passwordConfirm")} name="passwordConfirm" dependencies={["password"]} rules={rules.confirm}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item<NewAccountFields> label={text("memo")} name="memo">
            <Input maxLength={256} />
          </Form.Item>
        </Form>
        <ErrorAlert error={add.error} />
      </Flex>
    </Modal>
  );
}

interface SettingsFields {
  loginId: string;
  adminGroupId?: number;
  memo: string;
}

interface PasswordFields {
  newPassword: string;
  newPasswordConfirm: string;
}

/** The account's 詳細画面: what it is, its login ID / group / memo (変更), and パスワード変更. */
export function AccountDialog({
  enterpriseId,
  loginId,
  onClose,
  onChanged,
}: {
  enterpriseId: string;
  loginId: string;
  onClose: () => void;
  onChanged: (loginId: string) => void;
}) {
  const text = useAccountTexts();
  const enterprise = useEnterpriseInfo(enterpriseId);
  const account = useQuery({
    queryKey: ["accounts", enterpriseId, "one", loginId],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/enterprises/{eid}/accounts/{loginId}", { params: { path: { eid: enterpriseId, loginId } } });
      const loaded = data as LoginAccount;
      return { account: loaded, etag: response.headers.get("etag") ?? `"${loaded.version}"` };
    },
    staleTime: 0,
  });
  return (
    <Modal
      open
      title={text("detailTitle", { loginId })}
      onCancel={onClose}
      footer={
        <Button onClick={onClose} key="close">
          {text("close")}
        </Button>
      }
      destroyOnHidden
      width={640}
    >
      {account.isError && <ErrorAlert error={account.error} />}
      {account.data && (
        <Flex vertical gap={12}>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              {
                key: "role",
                label: text("systemRole"),
                children: (
                  <>
                    {text(`roles.${account.data.account.role}`)} {account.data.account.builtIn && <Tag>{text("builtIn")}</Tag>}
                  </>
                ),
              },
              { key: "enterpriseName", label: text("enterpriseName"), children: enterprise.data?.name ?? "" },
              { key: "enterpriseId", label: text("enterpriseId"), children: account.data.account.enterpriseId },
              { key: "lineIds", label: text("lineIds"), children: lineIdsOf(enterprise.data) },
              { key: "group", label: text("group"), children: account.data.account.adminGroupName ?? "" },
            ]}
          />
          <AccountSettings
            key={account.data.account.version}
            enterpriseId={enterpriseId}
            account={account.data.account}
            etag={account.data.etag}
            onSaved={(saved) => {
              if (saved === loginId) void account.refetch();
              onChanged(saved);
            }}
          />
          <Divider style={{ margin: "4px 0" }} />
          <AccountPassword enterpriseId={enterpriseId} loginId={account.data.account.loginId} />
        </Flex>
      )}
    </Modal>
  );
}

function AccountSettings({
  enterpriseId,
  account,
  etag,
  onSaved,
}: {
  enterpriseId: string;
  account: LoginAccount;
  etag: string;
  onSaved: (loginId: string) => void;
}) {
  const text = useAccountTexts();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsFields>();
  const groups = useAdminGroupOptions(enterpriseId);
  const save = useMutation({
    mutationFn: (values: SettingsFields) =>
      unwrap(
        api.PATCH("/api/v1/enterprises/{eid}/accounts/{loginId}", {
          params: { path: { eid: enterpriseId, loginId: account.loginId } },
          headers: { "If-Match": etag },
          body: {
            ...(values.loginId !== account.loginId ? { loginId: values.loginId } : {}),
            ...(account.role === "groupAdmin" ? { adminGroupId: values.adminGroupId ?? null } : {}),
            memo: values.memo,
          },
        }),
      ),
    onSuccess: (saved) => {
      void message.success(text("changed"));
      onSaved(saved.loginId);
    },
  });
  return (
    <Flex vertical gap={8}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {text("settings")}
      </Typography.Title>
      {account.builtIn && <Alert type="info" showIcon title={text("builtInHelp")} />}
      <Form<SettingsFields>
        form={form}
        layout="vertical"
        name="account-settings"
        initialValues={{ loginId: account.loginId, adminGroupId: account.adminGroupId ?? undefined, memo: account.memo }}
        disabled={save.isPending}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item<SettingsFields>
          label={text("loginId")}
          name="loginId"
          rules={[
            { required: true, message: text("loginIdRequired") },
            { pattern: loginIdPattern, message: text("loginIdFormat") },
          ]}
        >
          <Input disabled={account.builtIn} autoComplete="off" />
        </Form.Item>
        {account.role === "groupAdmin" && (
          <Form.Item<SettingsFields> label={text("group")} name="adminGroupId" rules={[{ required: true, message: text("groupRequired") }]}>
            <Select aria-label={text("group")} options={groups.options} loading={groups.loading} />
          </Form.Item>
        )}
        <Form.Item<SettingsFields> label={text("memo")} name="memo">
          <Input maxLength={256} />
        </Form.Item>
        <Button htmlType="submit" loading={save.isPending}>
          {text("change")}
        </Button>
      </Form>
      <ErrorAlert error={save.error} />
    </Flex>
  );
}

function AccountPassword({ enterpriseId, loginId }: { enterpriseId: string; loginId: string }) {
  const text = useAccountTexts();
  const [form] = Form.useForm<PasswordFields>();
  const rules = usePasswordRules("newPassword");
  const change = useMutation({
    mutationFn: (body: PasswordFields) =>
      unwrap(api.PUT("/api/v1/enterprises/{eid}/accounts/{loginId}/password", { params: { path: { eid: enterpriseId, loginId } }, body })),
    onSuccess: () => form.resetFields(),
  });
  return (
    <Flex vertical gap={8}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {text("passwordTitle")}
      </Typography.Title>
      {change.isSuccess && <Alert type="success" showIcon title={text("passwordChanged")} />}
      <Form<PasswordFields>
        form={form}
        layout="vertical"
        name="account-password"
        disabled={change.isPending}
        onFinish={(values) => change.mutate(values)}
        onValuesChange={() => {
          if (change.isSuccess) change.reset();
        }}
      >
        <input type="text" name="username" autoComplete="username" value={loginId} readOnly hidden />
        <Form.Item<PasswordFields> label={text("newPassword")} name="newPassword" extra={text("passwordHelp")} rules={rules.password}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item<PasswordFields> label={text("newPasswordConfirm")} name="newPasswordConfirm" dependencies={["newPassword"]} rules={rules.confirm}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {text("change")}
        </Button>
      </Form>
      <ErrorAlert error={change.error} />
    </Flex>
  );
}
