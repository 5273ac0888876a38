// 発着信設定 of one number (features.md §3): four switches; a setting the plan locks is shown
// read-only with "変更にはお申し込みが必要です". 変更 saves with If-Match (8111 when stale).
import { LockOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Flex, Form, Switch, Tag } from "antd";
import { ApiError, api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { PageSpin } from "../../app/page-spin";
import { useAccount } from "../../app/session";
import { useEditBase } from "../subscribers/edit-base";
import { useText } from "../subscribers/i18n";
import { fetchCallSettings, ifMatch, invalidateSubscribers, subscriberKeys } from "../subscribers/queries";
import type { CallSettingsAnswer, CallSettingsValues } from "../subscribers/types";
import { callSettingKeys, isLocked } from "./settings";

export function CallSettingsTab({ enterpriseId, subscriberId }: { enterpriseId: string; subscriberId: string }) {
  const settings = useQuery({
    queryKey: subscriberKeys.callSettings(enterpriseId, subscriberId),
    queryFn: () => fetchCallSettings(enterpriseId, subscriberId),
  });
  if (settings.isPending) return <PageSpin />;
  if (settings.isError) return <ErrorAlert error={settings.error} />;
  return <CallSettingsForm enterpriseId={enterpriseId} subscriberId={subscriberId} latest={settings.data} />;
}

function valuesOf(answer: CallSettingsAnswer): CallSettingsValues {
  return {
    anonymousRejection: answer.anonymousRejection,
    withholdCallerId: answer.withholdCallerId,
    internationalBlock: answer.internationalBlock,
    externalBlock: answer.externalBlock,
  };
}

function CallSettingsForm({ enterpriseId, subscriberId, latest }: { enterpriseId: string; subscriberId: string; latest: CallSettingsAnswer }) {
  const tx = useText();
  const { message } = App.useApp();
  const account = useAccount();
  const queryClient = useQueryClient();
  const edit = useEditBase(latest);
  const base = edit.base;
  const save = useMutation({
    mutationFn: async (values: CallSettingsValues) => {
      const from = edit.version();
      const saved = await unwrap(
        api.PUT("/api/v1/enterprises/{eid}/subscribers/{sid}/call-settings", {
          params: { path: { eid: enterpriseId, sid: subscriberId } },
          headers: ifMatch(from),
          body: values,
        }),
      );
      return { saved, from };
    },
    onSuccess: ({ saved, from }) => {
      queryClient.setQueryData(subscriberKeys.callSettings(enterpriseId, subscriberId), saved);
      edit.rebase(saved, from);
      void invalidateSubscribers(queryClient, enterpriseId);
      void message.success(tx("callSettings.saved"));
    },
  });
  const reload = useMutation({
    mutationFn: () => fetchCallSettings(enterpriseId, subscriberId),
    onSuccess: (fresh) => {
      queryClient.setQueryData(subscriberKeys.callSettings(enterpriseId, subscriberId), fresh);
      save.reset();
      edit.rebase(fresh);
    },
  });
  const stale = save.error instanceof ApiError && save.error.code === "8111";

  return (
    <Card title={tx("callSettings.title")} size="small">
      <Form<CallSettingsValues>
        key={base.version}
        name="call-settings"
        layout="horizontal"
        labelCol={{ flex: "200px" }}
        labelWrap
        style={{ maxWidth: 820 }}
        initialValues={valuesOf(base)}
        disabled={save.isPending}
        onValuesChange={() => edit.setDirty(true)}
        onFinish={(values) => save.mutate({ ...valuesOf(base), ...values })}
      >
        {callSettingKeys.map((key) => {
          const locked = isLocked(account.role, base.selfService, key);
          return (
            <Form.Item<CallSettingsValues>
              key={key}
              label={tx(`callSettings.${key}`)}
              extra={tx(`callSettings.${key}Help`)}
            >
              <Flex align="center" gap={12}>
                <Form.Item<CallSettingsValues> name={key} valuePropName="checked" noStyle>
                  <Switch
                    aria-label={tx(`callSettings.${key}`)}
                    checkedChildren={tx("common.on")}
                    unCheckedChildren={tx("common.off")}
                    disabled={locked || save.isPending}
                  />
                </Form.Item>
                {locked && (
                  <Tag icon={<LockOutlined aria-hidden />} variant="filled">
                    {tx("callSettings.locked")}
                  </Tag>
                )}
              </Flex>
            </Form.Item>
          );
        })}
        <Flex vertical gap={12}>
          <Alert type="info" showIcon title={tx("callSettings.emergencyNote")} />
          <ErrorAlert error={save.error} />
          <ErrorAlert error={reload.error} />
          <Flex gap={12}>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {tx("callSettings.submit")}
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
