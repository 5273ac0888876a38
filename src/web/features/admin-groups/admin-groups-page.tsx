// グループ設定 (features.md §7): the admin groups whose numbers a group administrator manages —
// the search list, and a group's メンバ / 非メンバ screen (`?group=12`).
import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { useSearchParams } from "react-router";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { AdminGroupList } from "./admin-group-list";
import { AdminGroupMembers } from "./admin-group-members";
import { useAdminGroupTexts } from "./i18n";

export function AdminGroupsPage() {
  const text = useAdminGroupTexts();
  const scope = useEnterpriseScope();
  const [searchParams, setSearchParams] = useSearchParams();
  const groupParam = searchParams.get("group");
  const groupId = groupParam && /^\d+$/.test(groupParam) ? Number(groupParam) : undefined;
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
              <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} style={{ paddingInline: 0 }} onClick={() => setSearchParams(scope.params())}>
                {text("members.back")}
              </Button>
            </div>
            <AdminGroupMembers key={groupId} enterpriseId={enterpriseId} groupId={groupId} />
          </>
        ) : (
          <AdminGroupList enterpriseId={enterpriseId} linkTo={(id) => `?${new URLSearchParams(scope.params({ group: String(id) })).toString()}`} />
        ))}
    </Flex>
  );
}
