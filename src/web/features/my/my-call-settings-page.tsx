// 発着信設定 of the end user (features.md §16, product.md §Service plan): 非通知着信拒否 only, which
// the end user may change where the plan's self-service allows it; otherwise it is shown
// read-only with the note (the server answers 8116 on a write).
import { LockOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Flex, Form, Switch, Tag } from "antd";
import { ApiError, api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { PageSpin } from "../../app/page-spin";
import { ifMatch } from "../extension-groups/group-kit";
import { useEditBase, VersionChainProvider } from "../subscribers/edit-base";
import type { CallSettingsAnswer } from "../subscribers/types";
import { useMyTexts } from "./i18n";
import { OwnNumberPage, type OwnNumber } from "./own-number";

const key = (eid: string, sid: string) => ["subscribers", eid, "number", sid, "callSettings"] as const;

function fetchSettings(eid: string, sid: string): Promise<CallSettingsAnswer> {
  return unwrap(api.GET("/api/v1/enterprises/{eid}/subscribers/{sid}/call-settings", { params: { path: { eid, sid } } }));
}

function CallSettings({ enterpriseId, subscriberId }: OwnNumber) {
  const settings = useQuery({ queryKey: key(enterpriseId, subscriberId), queryFn: () => fetchSettings(enterpriseId, subscriberId) });
  if (settings.isPending) return <PageSpin />;
  if (settings.isError) return <ErrorAlert error={settings.error} />;
  return (
    <VersionChainProvider>
      <CallSettingsForm enterpriseId={enterpriseId} subscriberId={subscriberId} latest={settings.data} />
    </VersionChainProvider>
  );
}

function CallSettingsForm({ enterpriseId, subscriberId, latest }: { enterpriseId: string; subscriberId: string; latest: CallSettingsAnswer }) {
  const text = useMyTexts();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const edit = useEditBase(latest);
  const base = edit.base;
  const allowed = base.selfService.anonymousRejection;
  const save = useMutation({
    mutationFn: async (anonymousRejection: boolean) => {
      const from = edit.version();
      const saved = await unwrap(
        api.PUT("/api/v1/enterprises/{eid}/subscribers/{sid}/call-settings", {
          params: { path: { eid: enterpriseId, sid: subscriberId } },
          headers: ifMatch(from),
          body: { anonymousRejection },
        }),
      );
      return { saved, from };
    },
    onSuccess: ({ saved, from }) => {
      queryClient.setQueryData(key(enterpriseId, subscriberId), saved);
      edit.rebase(saved, from);
      void message.success(text("callSettings.saved"));
    },
  });
  const reload = useMutation({
    mutationFn: () => fetchSettings(enterpriseId, subscriberId),
    onSuccess: (fresh) => {
      queryClient.setQueryData(key(enterpriseId, subscriberId), fresh);
      save.reset();
      edit.rebase(fresh);
    },
  });
  const stale = save.error instanceof ApiError && save.error.code === "8111";

  return (
    <Card size="small" title={text("callSettings.title")}>
      <Form<{ anonymousRejection: boolean }>
        key={base.version}
        name="my-call-settings"
        layout="horizontal"
        labelCol={{ flex: "200px" }}
        labelWrap
        style={{ maxWidth: 760 }}
        initialValues={{ anonymousRejection: base.anonymousRejection }}
        disabled={save.isPending}
        onValuesChange={() => edit.setDirty(true)}
        onFinish={(values) => save.mutate(values.anonymousRejection)}
      >
        <Form.Item label={text("callSettings.anonymousRejection")} extra={text("callSettings.help")}>
          <Flex align="center" gap={12}>
            <Form.Item name="anonymousRejection" valuePropName="checked" noStyle>
              <Switch aria-label={text("callSettings.anonymousRejection")} checkedChildren="ON" unCheckedChildren="OFF" disabled={!allowed || save.isPending} />
            </Form.Item>
            {!allowed && (
              <Tag icon={<LockOutlined aria-hidden />} variant="filled">
                {text("callSettings.locked")}
              </Tag>
            )}
          </Flex>
        </Form.Item>
        <Flex vertical gap={12}>
          {!allowed && <Alert type="info" showIcon title={text("callSettings.lockedNote")} />}
          <ErrorAlert error={save.error} />
          <ErrorAlert error={reload.error} />
          {allowed && (
            <Flex gap={12}>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {text("callSettings.submit")}
              </Button>
              {stale && (
                <Button onClick={() => reload.mutate()} loading={reload.isPending}>
                  {text("callSettings.reload")}
                </Button>
              )}
            </Flex>
          )}
        </Flex>
      </Form>
    </Card>
  );
}

export function MyCallSettingsPage() {
  const text = useMyTexts();
  return <OwnNumberPage title={text("callSettings.title")}>{(own) => <CallSettings {...own} />}</OwnNumberPage>;
}
