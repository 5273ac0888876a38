// 電話番号情報 of the end user (features.md §16; M2 ch.13): 加入者ID, 外線番号, 内線番号, 内線グループ,
// the pickup group and the hunt group, read-only. (The pickup group's サイト名 is not readable by an
// end user: the pickup-group API is for administrators.)
import { useQuery } from "@tanstack/react-query";
import { Card, Descriptions } from "antd";
import { api, unwrap } from "../../api/client";
import { useMyTexts } from "./i18n";
import { OwnNumberPage, ownKeys, type OwnNumber } from "./own-number";

function NumberInfo({ enterpriseId, subscriberId, detail }: OwnNumber) {
  const text = useMyTexts();
  // The list row names the number's pickup and hunt groups.
  const row = useQuery({
    queryKey: ownKeys.row(enterpriseId, subscriberId),
    queryFn: async () => {
      const list = await unwrap(
        api.GET("/api/v1/enterprises/{eid}/subscribers", { params: { path: { eid: enterpriseId }, query: { field: "id", match: "exact", q: subscriberId, limit: 1 } } }),
      );
      return list.items.find((item) => item.id === subscriberId) ?? null;
    },
  });
  const none = text("info.none");
  return (
    <Card size="small" title={text("info.title")}>
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          { key: "id", label: text("info.id"), children: detail.id },
          { key: "number", label: text("info.number"), children: detail.number },
          { key: "extension", label: text("info.extension"), children: detail.extension || none },
          { key: "extensionGroup", label: text("info.extensionGroup"), children: detail.extensionGroup?.name ?? none },
          { key: "pickupGroup", label: text("info.pickupGroup"), children: row.data?.pickupGroup || none },
          { key: "huntGroup", label: text("info.huntGroup"), children: row.data?.huntGroup || none },
          { key: "displayName", label: text("info.displayName"), children: detail.displayName || none },
          { key: "enterprise", label: text("info.enterprise"), children: detail.enterpriseName },
        ]}
      />
    </Card>
  );
}

export function MyNumberPage() {
  const text = useMyTexts();
  return <OwnNumberPage title={text("info.title")}>{(own) => <NumberInfo {...own} />}</OwnNumberPage>;
}
