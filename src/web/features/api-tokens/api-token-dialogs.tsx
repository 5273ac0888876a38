// 新規作成 of an API token, and the one time its secret is shown. The form follows the server's
// rules (api-tokens.service): an operator picks any role and names the enterprise of an
// enterprise-admin token; an enterprise admin only makes enterprise-admin tokens of their own
// enterprise (8109 otherwise). The server's answer (8016 unknown enterprise…) is shown in the dialog.
import { CopyOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Alert, App, Button, Descriptions, Flex, Form, Input, Modal, Radio, Typography, type InputRef } from "antd";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { EnterpriseSelect, useEnterpriseInfo } from "../../app/enterprise-scope";
import { ErrorAlert } from "../../app/error-alert";
import { useAccount } from "../../app/session";
import { useApiTokenTexts } from "./i18n";
import { nameMaxLength, tokenRoles, type CreatedApiToken, type NewApiTokenBody, type TokenRole } from "./types";

interface NewTokenFields {
  name: string;
  role: TokenRole;
  enterpriseId?: string;
}

export function CreateApiTokenDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (created: CreatedApiToken) => void }) {
  const text = useApiTokenTexts();
  const { t } = useTranslation();
  const account = useAccount();
  const operator = account.role === "operator";
  // An enterprise admin's token is always an enterprise-admin token of their own enterprise.
  const ownEnterprise = operator ? undefined : account.enterpriseId;
  const enterprise = useEnterpriseInfo(ownEnterprise);
  const [form] = Form.useForm<NewTokenFields>();
  const role: TokenRole = Form.useWatch("role", form) ?? (operator ? "sipProxy" : "enterpriseAdmin");
  const create = useMutation({
    mutationFn: (body: NewApiTokenBody) => unwrap(api.POST("/api/v1/api-tokens", { body })),
    onSuccess: onCreated,
  });
  return (
    <Modal
      open
      title={text("createTitle")}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t("common.cancel")}
        </Button>,
        <Button key="create" type="primary" loading={create.isPending} onClick={() => form.submit()}>
          {text("create")}
        </Button>,
      ]}
      destroyOnHidden
      width={560}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{text("requiredNote")}</Typography.Text>
        <Form<NewTokenFields>
          form={form}
          layout="vertical"
          name="new-api-token"
          initialValues={{ name: "", role: operator ? "sipProxy" : "enterpriseAdmin" }}
          disabled={create.isPending}
          onFinish={(values) => {
            const chosen: TokenRole = operator ? values.role : "enterpriseAdmin";
            create.mutate({
              name: values.name.trim(),
              role: chosen,
              // Only an enterprise-admin token belongs to an enterprise; the others are sent without one.
              ...(chosen === "enterpriseAdmin" ? { enterpriseId: ownEnterprise ?? values.enterpriseId ?? "" } : {}),
            });
          }}
        >
          <Form.Item<NewTokenFields>
            label={text("name")}
            name="name"
            extra={text("nameHelp")}
            rules={[
              { required: true, whitespace: true, message: text("nameRequired") },
              { validator: (_rule, value: unknown) => (typeof value === "string" && [...value.trim()].length > nameMaxLength ? Promise.reject(new Error(text("nameTooLong"))) : Promise.resolve()) },
            ]}
          >
            <Input autoComplete="off" autoFocus />
          </Form.Item>
          {operator ? (
            <Form.Item<NewTokenFields> label={text("role")} name="role" extra={text(`roleHelp.${role}`)} rules={[{ required: true }]}>
              <Radio.Group options={tokenRoles.map((value) => ({ value, label: text(`roles.${value}`) }))} />
            </Form.Item>
          ) : (
            <Form.Item label={text("role")} extra={text("roleHelp.enterpriseAdmin")}>
              <Typography.Text>{text("roles.enterpriseAdmin")}</Typography.Text>
            </Form.Item>
          )}
          {operator && role === "enterpriseAdmin" && (
            <Form.Item<NewTokenFields> label={text("enterprise")} name="enterpriseId" rules={[{ required: true, message: text("enterpriseRequired") }]}>
              <OperatorEnterpriseField />
            </Form.Item>
          )}
          {!operator && (
            <Form.Item label={text("enterprise")}>
              <Typography.Text>{enterprise.data ? `${enterprise.data.name} (${ownEnterprise ?? ""})` : ownEnterprise}</Typography.Text>
            </Form.Item>
          )}
        </Form>
        <ErrorAlert error={create.error} />
      </Flex>
    </Modal>
  );
}

/** The enterprise pull-down as a form control: Form.Item hands it `id`, `value` and `onChange`. */
function OperatorEnterpriseField({ id, value, onChange }: { id?: string; value?: string; onChange?: (value: string | undefined) => void }) {
  return <EnterpriseSelect bare id={id} value={value} onChange={(next) => onChange?.(next)} />;
}

/**
 * The secret of a new token, shown this once: it is never sent again, so the dialog only closes
 * through its own button (no click beside it, no Escape), after a plain warning.
 */
export function TokenCreatedDialog({ created, onClose }: { created: CreatedApiToken; onClose: () => void }) {
  const text = useApiTokenTexts();
  const { message } = App.useApp();
  const field = useRef<InputRef>(null);
  const selectToken = () => field.current?.select();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.token);
      void message.success(text("copied"));
    } catch {
      // No clipboard access (an insecure origin, a denied permission): leave the text selected.
      selectToken();
      void message.warning(text("copyFailed"));
    }
  };
  return (
    <Modal
      open
      title={text("createdTitle")}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {text("close")}
        </Button>
      }
      destroyOnHidden
      width={640}
    >
      <Flex vertical gap={12}>
        <Alert type="warning" showIcon title={text("shownOnce")} description={text("shownOnceDetail")} />
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: "name", label: text("name"), children: created.apiToken.name },
            { key: "role", label: text("role"), children: text(`roles.${created.apiToken.role}`) },
            { key: "enterprise", label: text("enterprise"), children: created.apiToken.enterpriseId ?? text("allEnterprises") },
          ]}
        />
        <Flex vertical gap={4}>
          <label htmlFor="new-api-token-secret">{text("token")}</label>
          <Flex gap={8}>
            <Input
              id="new-api-token-secret"
              ref={field}
              style={{ fontFamily: "monospace" }}
              value={created.token}
              readOnly
              spellCheck={false}
              autoComplete="off"
              onFocus={selectToken}
            />
            <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copy()}>
              {text("copy")}
            </Button>
          </Flex>
        </Flex>
      </Flex>
    </Modal>
  );
}
