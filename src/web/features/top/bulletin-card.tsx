// 掲示板 (features.md §1): the enterprise's free text, shown to every user of the enterprise
// as plain text; its enterprise admins edit it (≤ 2,000 characters, no links, no files).
import { EditOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Flex, Input, Typography } from "antd";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { Bulletin } from "../../api/types";
import { ErrorAlert } from "../../app/error-alert";
import { useDateTime } from "../../app/format";
import { queryKeys } from "../../app/query-client";

export const bulletinMaxLength = 2000;

function BulletinText({ bulletin }: { bulletin: Bulletin }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <>
      {bulletin.text === "" ? (
        <Typography.Paragraph type="secondary">{t("bulletin.empty")}</Typography.Paragraph>
      ) : (
        // Rendered as a text node, never as HTML; pre-wrap keeps the author's line breaks.
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {bulletin.text}
        </Typography.Paragraph>
      )}
      {bulletin.updatedAt && (
        <Typography.Text type="secondary">{t("common.updatedAt", { date: dateTime(bulletin.updatedAt) })}</Typography.Text>
      )}
    </>
  );
}

function BulletinEditor({
  enterpriseId,
  initialText,
  onDone,
}: {
  enterpriseId: string;
  initialText: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState(initialText);
  const helpId = useId();
  const save = useMutation({
    mutationFn: (value: string) =>
      unwrap(api.PUT("/api/v1/enterprises/{eid}/bulletin", { params: { path: { eid: enterpriseId } }, body: { text: value } })),
    onSuccess: (bulletin) => {
      queryClient.setQueryData(queryKeys.bulletin(enterpriseId), bulletin);
      void message.success(t("bulletin.saved"));
      onDone();
    },
  });

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary" id={helpId}>
        {t("bulletin.editHelp")}
      </Typography.Text>
      <Input.TextArea
        aria-label={t("bulletin.editLabel")}
        aria-describedby={helpId}
        value={text}
        onChange={(event) => setText(event.target.value)}
        maxLength={bulletinMaxLength}
        showCount
        autoSize={{ minRows: 6, maxRows: 20 }}
        disabled={save.isPending}
      />
      <ErrorAlert error={save.error} />
      <Flex gap={8} justify="end" style={{ marginTop: 8 }}>
        <Button onClick={onDone} disabled={save.isPending}>
          {t("common.cancel")}
        </Button>
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate(text)}>
          {t("common.save")}
        </Button>
      </Flex>
    </Flex>
  );
}

export function BulletinCard({ enterpriseId, editable }: { enterpriseId: string; editable: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const bulletin = useQuery({
    queryKey: queryKeys.bulletin(enterpriseId),
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/bulletin", { params: { path: { eid: enterpriseId } } })),
  });

  const editButton =
    editable && !editing && bulletin.data ? (
      <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
        {t("common.edit")}
      </Button>
    ) : undefined;

  return (
    <Card title={t("bulletin.title")} extra={editButton} loading={bulletin.isPending} role="region" aria-label={t("bulletin.title")}>
      {bulletin.isError ? (
        <ErrorAlert error={bulletin.error} />
      ) : bulletin.data && editing ? (
        <BulletinEditor enterpriseId={enterpriseId} initialText={bulletin.data.text} onDone={() => setEditing(false)} />
      ) : bulletin.data ? (
        <BulletinText bulletin={bulletin.data} />
      ) : null}
    </Card>
  );
}
