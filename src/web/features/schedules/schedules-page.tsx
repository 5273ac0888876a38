// 時間帯転送 (features.md §6): the search list, and the add / edit form with its preview. Which
// view is open lives in the address (`?id=12&tab=preview&from=2026-11-22`, `?id=new`), so the
// browser's back button and a reload keep the place.
import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { useSearchParams } from "react-router";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { useScheduleTexts } from "./i18n";
import { ScheduleCreator, ScheduleEditor, type EditorNavigation, type EditorTab } from "./schedule-editor";
import { ScheduleList } from "./schedule-list";

export function SchedulesPage() {
  const text = useScheduleTexts();
  const scope = useEnterpriseScope();
  const [searchParams, setSearchParams] = useSearchParams();
  const idParam = searchParams.get("id");
  const tab: EditorTab = searchParams.get("tab") === "preview" ? "preview" : "rules";
  // Without a chosen date the server starts from today in the enterprise's time zone.
  const previewFrom = searchParams.get("from") ?? undefined;
  const enterpriseId = scope.enterpriseId;
  const scheduleId = idParam && /^\d+$/.test(idParam) ? Number(idParam) : undefined;

  const open = (params: Record<string, string>, replace = false) => setSearchParams(scope.params(params), { replace });

  const navigation: EditorNavigation = {
    tab,
    onTabChange: (next) => open({ ...(scheduleId ? { id: String(scheduleId) } : {}), tab: next, ...(previewFrom ? { from: previewFrom } : {}) }, true),
    previewFrom,
    onPreviewFromChange: (from) => open({ ...(scheduleId ? { id: String(scheduleId) } : {}), tab: "preview", from }, true),
    onCreated: (id) => open({ id: String(id) }, true),
  };

  const editing = enterpriseId !== undefined && (scheduleId !== undefined || idParam === "new");

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {text("heading")}
      </Typography.Title>
      {scope.chooser}
      {scope.prompt}
      {enterpriseId !== undefined && editing && (
        <div>
          <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} style={{ paddingInline: 0 }} onClick={() => open({})}>
            {text("backToSearch")}
          </Button>
        </div>
      )}
      {enterpriseId !== undefined &&
        (scheduleId !== undefined ? (
          <ScheduleEditor key={scheduleId} enterpriseId={enterpriseId} scheduleId={scheduleId} navigation={navigation} />
        ) : idParam === "new" ? (
          <ScheduleCreator enterpriseId={enterpriseId} navigation={navigation} />
        ) : (
          <ScheduleList enterpriseId={enterpriseId} linkTo={(id) => `?${new URLSearchParams(scope.params({ id: String(id) })).toString()}`} onAdd={() => open({ id: "new" })} />
        ))}
    </Flex>
  );
}
