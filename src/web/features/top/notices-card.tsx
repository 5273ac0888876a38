// お知らせ: the operator's notices, newest first, read-only on the top page.
import { useQuery } from "@tanstack/react-query";
import { Card, Divider, Typography } from "antd";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { Notice } from "../../api/types";
import { ErrorAlert } from "../../app/error-alert";
import { useDateTime } from "../../app/format";
import { queryKeys } from "../../app/query-client";

export function useNotices() {
  return useQuery({
    queryKey: queryKeys.notices,
    queryFn: () => unwrap(api.GET("/api/v1/notices")),
  });
}

export function newestFirst(items: readonly Notice[]): Notice[] {
  return [...items].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
}

export function NoticesCard({ extra }: { extra?: ReactNode }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const notices = useNotices();
  const items = notices.data ? newestFirst(notices.data.items) : [];

  return (
    <Card title={t("top.noticesTitle")} extra={extra} loading={notices.isPending} role="region" aria-label={t("top.noticesTitle")}>
      {notices.isError ? (
        <ErrorAlert error={notices.error} />
      ) : items.length === 0 ? (
        <Typography.Paragraph>{t("top.noNotices")}</Typography.Paragraph>
      ) : (
        items.map((notice, index) => (
          <Fragment key={notice.id}>
            {index > 0 && <Divider />}
            <article>
              <Typography.Title level={3} style={{ fontSize: 16, marginTop: 0 }}>
                {notice.title}
              </Typography.Title>
              <Typography.Text type="secondary">
                <time dateTime={notice.publishedAt}>{dateTime(notice.publishedAt)}</time>
              </Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", marginTop: 8 }}>
                {notice.body}
              </Typography.Paragraph>
            </article>
          </Fragment>
        ))
      )}
    </Card>
  );
}
