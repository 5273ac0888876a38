// 内線グループ (features.md §10; M2 ch.5 内線設定): the group list and, at `?group=12`, the group's
// メンバ設定. Operators choose the enterprise first (企業選択).
import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { ExtensionGroupList } from "./extension-group-list";
import { ExtensionGroupMembers } from "./extension-group-members";
import { useGroupParam } from "./group-kit";
import { useExtensionGroupTexts } from "./i18n";

export function ExtensionGroupsPage() {
  const text = useExtensionGroupTexts();
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
            <ExtensionGroupMembers key={groupId} enterpriseId={enterpriseId} groupId={groupId} />
          </>
        ) : (
          <ExtensionGroupList enterpriseId={enterpriseId} hrefOf={hrefOf} />
        ))}
    </Flex>
  );
}
