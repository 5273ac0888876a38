// 電話番号情報 (features.md §2): what the number is (IDs, enterprise, lines, groups) and what an
// administrator changes: 加入者情報, 表示名称, プロビ用パスワード (write-only), 備考, 発番号1/2, 通知番号.
// 変更 saves with If-Match: someone else's earlier save answers 8111. Below: the number's login password.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Flex, Form, Input, Typography } from "antd";
import { ApiError, api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { passwordPattern } from "../password/password-rules";
import { useEditBase } from "./edit-base";
import { useText } from "./i18n";
import { LoginPasswordCard } from "./login-password-card";
import { fetchDetail, ifMatch, invalidateSubscribers, subscriberKeys } from "./queries";
import type { SubscriberDetail, SubscriberPatch, SubscriberRow } from "./types";
import { paths } from "./paths";
import { Link } from "react-router";

interface InfoForm {
  info: string;
  displayName: string;
  provisioningPassword: string;
  memo: string;
  originNumber1: string;
  originNumber2: string;
  notifyNumber: string;
}

const numberPattern = /^[0-9]{0,20}$/;

function formValues(detail: SubscriberDetail): InfoForm {
  return {
    info: detail.info,
    displayName: detail.displayName,
    provisioningPassword: "",
    memo: detail.memo,
    originNumber1: detail.originNumbers[0] ?? "",
    originNumber2: detail.originNumbers[1] ?? "",
    notifyNumber: detail.notifyNumber,
  };
}

export function SubscriberInfoTab({ enterpriseId, detail, row }: { enterpriseId: string; detail: SubscriberDetail; row: SubscriberRow | undefined }) {
  const tx = useText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const edit = useEditBase(detail);
  const base = edit.base;
  const save = useMutation({
    mutationFn: async (values: InfoForm) => {
      const from = edit.version();
      const body: SubscriberPatch = {
        info: values.info,
        displayName: values.displayName,
        memo: values.memo,
        originNumbers: [values.originNumber1.trim(), values.originNumber2.trim()],
        notifyNumber: values.notifyNumber.trim(),
        ...(values.provisioningPassword ? { provisioningPassword: values.provisioningPassword } : {}),
      };
      const saved = await unwrap(
        api.PATCH("/api/v1/enterprises/{eid}/subscribers/{sid}", {
          params: { path: { eid: enterpriseId, sid: base.id } },
          headers: ifMatch(from),
          body,
        }),
      );
      return { saved, from };
    },
    onSuccess: ({ saved, from }) => {
      queryClient.setQueryData(subscriberKeys.detail(enterpriseId, base.id), saved);
      edit.rebase(saved, from);
      void invalidateSubscribers(queryClient, enterpriseId);
      void message.success(tx("info.saved"));
    },
  });
  const reload = useMutation({
    mutationFn: () => fetchDetail(enterpriseId, base.id),
    onSuccess: (latest) => {
      queryClient.setQueryData(subscriberKeys.detail(enterpriseId, base.id), latest);
      save.reset();
      edit.rebase(latest);
    },
  });
  const stale = save.error instanceof ApiError && save.error.code === "8111";

  const groupLink = (name: string | undefined, to: string) => (name ? <Link to={to}>{name}</Link> : tx("common.none"));

  return (
    <Flex vertical gap={24}>
      <Card title={tx("info.title")} size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          bordered
          items={[
            { key: "id", label: tx("fields.id"), children: base.id },
            { key: "number", label: tx("fields.number"), children: base.number },
            { key: "enterpriseName", label: tx("fields.enterpriseName"), children: base.enterpriseName },
            { key: "enterpriseId", label: tx("fields.enterpriseId"), children: base.enterpriseId },
            { key: "lineId1", label: tx("fields.lineId1"), children: base.lineId1 || "—" },
            { key: "lineId2", label: tx("fields.lineId2"), children: base.lineId2 || "—" },
            { key: "extension", label: tx("fields.extension"), children: base.extension || tx("common.none") },
            { key: "extensionGroup", label: tx("fields.extensionGroup"), children: base.extensionGroup?.name ?? tx("common.none") },
            { key: "pickupGroup", label: tx("fields.pickupGroup"), children: groupLink(row?.pickupGroup, paths.pickupGroups) },
            { key: "huntGroup", label: tx("fields.huntGroup"), children: groupLink(row?.huntGroup, paths.huntGroups) },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 8 }}>
          {tx("common.requiredNote")}
        </Typography.Paragraph>
        <Form<InfoForm>
          key={base.version}
          name="subscriber-info"
          layout="horizontal"
          labelCol={{ flex: "200px" }}
          labelWrap
          style={{ maxWidth: 760 }}
          initialValues={formValues(base)}
          disabled={save.isPending}
          onValuesChange={() => edit.setDirty(true)}
          onFinish={(values) => save.mutate(values)}
        >
          <Form.Item<InfoForm> label={tx("fields.info")} name="info" rules={[{ max: 256 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={256} />
          </Form.Item>
          <Form.Item<InfoForm> label={tx("fields.displayName")} name="displayName" rules={[{ max: 64 }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item<InfoForm>
            label={tx("fields.provisioningPassword")}
            required
            extra={tx("info.provisioningHelp")}
          >
            <Flex vertical gap={8}>
              <Typography.Text aria-live="polite">
                {base.provisioningPasswordSet ? `•••• (${tx("info.provisioningSet")})` : tx("info.provisioningNotSet")}
              </Typography.Text>
              <Form.Item<InfoForm>
                name="provisioningPassword"
                noStyle
                rules={[
                  { required: !base.provisioningPasswordSet, message: tx("info.provisioningRequired") },
                  { pattern: passwordPattern, message: tx("info.passwordFormat") },
                ]}
              >
                <Input.Password aria-label={tx("info.provisioningNew")} placeholder={tx("info.provisioningNew")} autoComplete="new-password" maxLength={32} />
              </Form.Item>
            </Flex>
          </Form.Item>
          <Form.Item<InfoForm> label={tx("fields.memo")} name="memo" rules={[{ max: 256 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={256} />
          </Form.Item>
          <Form.Item<InfoForm> label={tx("fields.originNumber1")} name="originNumber1" rules={[{ pattern: numberPattern, message: tx("info.numberFormat") }]}>
            <Input inputMode="numeric" maxLength={20} />
          </Form.Item>
          <Form.Item<InfoForm> label={tx("fields.originNumber2")} name="originNumber2" rules={[{ pattern: numberPattern, message: tx("info.numberFormat") }]}>
            <Input inputMode="numeric" maxLength={20} />
          </Form.Item>
          <Form.Item<InfoForm>
            label={tx("fields.notifyNumber")}
            name="notifyNumber"
            rules={[{ pattern: numberPattern, message: tx("info.numberFormat") }]}
            extra={tx("info.notifyNote")}
          >
            <Input inputMode="numeric" maxLength={20} />
          </Form.Item>
          <Flex vertical gap={12}>
            <ErrorAlert error={save.error} />
            <ErrorAlert error={reload.error} />
            <Flex gap={12}>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {tx("info.submit")}
              </Button>
              {stale && (
                <Button onClick={() => reload.mutate()} loading={reload.isPending} disabled={false}>
                  {tx("common.reload")}
                </Button>
              )}
            </Flex>
          </Flex>
        </Form>
      </Card>
      <LoginPasswordCard enterpriseId={enterpriseId} subscriberId={base.id} passwordSet={base.passwordSet} />
    </Flex>
  );
}
