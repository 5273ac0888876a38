// ピックアップグループ (features.md §11; M2 ch.6 ピックアップ設定): the group list and, at `?group=12`, the group's
// メンバ設定. Operators choose the enterprise first (企業選択).
import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { PickupGroupList } from "./pickup-group-list";
import { PickupGroupMembers } from "./pickup-group-members";
import { useGroupParam } from "../extension-groups/group-kit";
import { usePickupGroupTexts } from "./i18n";

export function PickupGroupsPage() {
  const text = usePickupGroupTexts();
  const scope = useEnterpriseScope();
  const { groupId, hrefOf, back } = useGroupParam(() => scope.params());
  const enterpriseId = scope.enterpriseId;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {text("heading")}
      </Typography.Title>
      {scope.chooser}
      {scope.prompt}
      {enterpriseId !== undefined &&
        (groupId !== undefined ? (
          <>
            <div>
              <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} style={{ paddingInline: 0 }} onClick={back}>
                {text("members.back")}
              </Button>
            </div>
            <PickupGroupMembers key={groupId} enterpriseId={enterpriseId} groupId={groupId} />
          </>
        ) : (
          <PickupGroupList enterpriseId={enterpriseId} hrefOf={hrefOf} />
        ))}
    </Flex>
  );
}
