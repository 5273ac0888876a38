// お知らせ管理 (operator): add, edit and remove the notices shown on every top page; saving
// replaces the whole list (PUT /notices).
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Empty, Flex, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { Notice, NoticeInput } from "../../api/types";
import { ErrorAlert } from "../../app/error-alert";
import { useDateTime } from "../../app/format";
import { PageSpin } from "../../app/page-spin";
import { queryKeys } from "../../app/query-client";
import { newestFirst, useNotices } from "../top/notices-card";

export const noticeTitleMaxLength = 100;
export const noticeBodyMaxLength = 2000;

interface NoticeRow extends NoticeInput {
  /** Set for notices already published; new rows have none until saved. */
  publishedAt?: string;
}

interface NoticesForm {
  items: NoticeRow[];
}

function toRows(items: readonly Notice[]): NoticeRow[] {
  return newestFirst(items).map(({ title, body, publishedAt }) => ({ title, body, publishedAt }));
}

function NoticesEditor({ notices }: { notices: readonly Notice[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const dateTime = useDateTime();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NoticesForm>();
  const save = useMutation({
    mutationFn: (items: NoticeInput[]) => unwrap(api.PUT("/api/v1/notices", { body: { items } })),
    onSuccess: (list) => {
      queryClient.setQueryData(queryKeys.notices, list);
      form.setFieldsValue({ items: toRows(list.items) });
      void message.success(t("notices.saved"));
    },
  });

  return (
    <Form<NoticesForm>
      form={form}
      name="notices"
      layout="vertical"
      initialValues={{ items: toRows(notices) }}
      disabled={save.isPending}
      onFinish={(values) => save.mutate((values.items ?? []).map(({ title, body }) => ({ title, body })))}
    >
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <Flex vertical gap={16}>
            <div>
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ title: "", body: "" }, 0)}>
                {t("notices.add")}
              </Button>
            </div>
            {fields.length === 0 && <Empty description={t("notices.empty")} />}
            {fields.map((field, index) => {
              const publishedAt = form.getFieldValue(["items", field.name, "publishedAt"]) as string | undefined;
              const heading = t("notices.numbered", { n: index + 1 });
              return (
                <Card
                  key={field.key}
                  size="small"
                  role="group"
                  aria-label={heading}
                  title={
                    <Flex gap={12} align="baseline">
                      <span>{heading}</span>
                      <Typography.Text type="secondary" style={{ fontWeight: "normal" }}>
                        {publishedAt ? t("notices.publishedAt", { date: dateTime(publishedAt) }) : t("notices.newItem")}
                      </Typography.Text>
                    </Flex>
                  }
                  extra={
                    <Button danger type="text" icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)}>
                      {t("notices.removeItem")}
                    </Button>
                  }
                >
                  <Form.Item
                    label={t("notices.itemTitle")}
                    name={[field.name, "title"]}
                    rules={[{ required: true, whitespace: true, message: t("notices.titleRequired") }]}
                  >
                    <Input maxLength={noticeTitleMaxLength} showCount />
                  </Form.Item>
                  <Form.Item
                    label={t("notices.itemBody")}
                    name={[field.name, "body"]}
                  >
                    <Input.TextArea maxLength={noticeBodyMaxLength} showCount autoSize={{ minRows: 3, maxRows: 12 }} />
                  </Form.Item>
                </Card>
              );
            })}
          </Flex>
        )}
      </Form.List>
      <Flex vertical gap={12} style={{ marginTop: 24 }}>
        <ErrorAlert error={save.error} />
        <div>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </div>
      </Flex>
    </Form>
  );
}

export function NoticesPage() {
  const { t } = useTranslation();
  const notices = useNotices();

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t("notices.heading")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("notices.help")}</Typography.Paragraph>
      {notices.isPending ? (
        <PageSpin />
      ) : notices.isError ? (
        <ErrorAlert error={notices.error} />
      ) : (
        <NoticesEditor notices={notices.data.items} />
      )}
    </Flex>
  );
}
