// The end user's own number: the session names it (account.subscriberId, enterpriseId); its detail
// and its list row (groups by name) are read with the enterprise-scoped API, which shows an end
// user only themselves.
import { useQuery } from "@tanstack/react-query";
import { Flex, Typography } from "antd";
import type { ReactNode } from "react";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { PageSpin } from "../../app/page-spin";
import { useAccount } from "../../app/session";
import type { SubscriberDetail } from "../subscribers/types";
import { useMyTexts } from "./i18n";

export interface OwnNumber {
  enterpriseId: string;
  subscriberId: string;
  detail: SubscriberDetail;
}

export const ownKeys = {
  detail: (eid: string, sid: string) => ["subscribers", eid, "number", sid, "detail"] as const,
  row: (eid: string, sid: string) => ["subscribers", eid, "number", sid, "row"] as const,
};

/** Heading, number and the page's content for the own number; the content gets the number's detail. */
export function OwnNumberPage({ title, children }: { title: string; children: (own: OwnNumber) => ReactNode }) {
  const text = useMyTexts();
  const account = useAccount();
  const enterpriseId = account.enterpriseId ?? "";
  const subscriberId = account.subscriberId ?? "";
  const known = enterpriseId !== "" && subscriberId !== "";
  const detail = useQuery({
    queryKey: ownKeys.detail(enterpriseId, subscriberId),
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/subscribers/{sid}", { params: { path: { eid: enterpriseId, sid: subscriberId } } })),
    enabled: known,
  });
  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <div>
        <Typography.Title level={2} style={{ marginTop: 0, marginBottom: 4 }}>
          {title}
        </Typography.Title>
        {detail.data && <Typography.Text strong>{text("subtitle", { number: detail.data.number })}</Typography.Text>}
      </div>
      {!known ? (
        <Typography.Paragraph type="secondary">{text("noNumber")}</Typography.Paragraph>
      ) : detail.isPending ? (
        <PageSpin />
      ) : detail.isError ? (
        <ErrorAlert error={detail.error} />
      ) : (
        children({ enterpriseId, subscriberId, detail: detail.data })
      )}
    </Flex>
  );
}
