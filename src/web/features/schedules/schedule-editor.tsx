// 時間帯転送 の追加 / 照会・変更 (M1 5-2, M2 ch.4): 時間帯転送名 (required, unique: 8034), the
// no-answer timeout 1–180 s (required even when unused: 8103), 内線グループ (optional), 備考,
// and the スケジュールリスト with 行追加 / データ削除 / データ更新. The server checks every
// rule (8041 times, 8078 dates, 8039 destinations, 8037 identical rows); the row it names is
// highlighted. A second tab shows the four-week preview of the saved schedule.
import { PlusOutlined, DeleteOutlined, SaveOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, ConfigProvider, Flex, Form, Input, InputNumber, Select, Tabs, Typography } from "antd";
import { useState } from "react";
import { ApiError, api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { useErrorText } from "../../app/error-text";
import { PageSpin } from "../../app/page-spin";
import { useScheduleTexts } from "./i18n";
import { newRow, ruleErrorOf, ruleOf, rowOf, type RuleRow } from "./rule-rows";
import { RulesTable } from "./rules-table";
import { scheduleKeys } from "./schedule-list";
import { SchedulePreview } from "./schedule-preview";
import type { Schedule, ScheduleBody } from "./types";

interface BasicFields {
  name: string;
  cfnaTimeoutSec: number | null;
  extensionGroupId: number | null;
  memo: string;
}

const basicFields = new Set(["name", "cfnaTimeoutSec", "extensionGroupId", "memo"]);

interface Loaded {
  schedule: Schedule;
  etag: string;
}

export type EditorTab = "rules" | "preview";

export interface EditorNavigation {
  tab: EditorTab;
  onTabChange: (tab: EditorTab) => void;
  /** YYYY-MM-DD; undefined: today where the enterprise is. */
  previewFrom: string | undefined;
  onPreviewFromChange: (from: string) => void;
  onCreated: (id: number) => void;
}

function useExtensionGroups(enterpriseId: string) {
  return useQuery({
    queryKey: ["extension-groups", enterpriseId, "options"],
    queryFn: () =>
      unwrap(api.GET("/api/v1/enterprises/{eid}/extension-groups", { params: { path: { eid: enterpriseId }, query: { sort: "name", limit: 500 } } })),
    retry: false,
  });
}

/** An existing schedule: loaded with its ETag, then edited. */
export function ScheduleEditor({ enterpriseId, scheduleId, navigation }: { enterpriseId: string; scheduleId: number; navigation: EditorNavigation }) {
  const loaded = useQuery({
    queryKey: scheduleKeys.one(enterpriseId, scheduleId),
    queryFn: async (): Promise<Loaded> => {
      const { data, response } = await api.GET("/api/v1/enterprises/{eid}/schedules/{id}", { params: { path: { eid: enterpriseId, id: scheduleId } } });
      const schedule = data as Schedule;
      return { schedule, etag: response.headers.get("etag") ?? `"${schedule.version}"` };
    },
  });
  if (loaded.isPending) return <PageSpin />;
  if (loaded.isError) return <ErrorAlert error={loaded.error} />;
  const { schedule, etag } = loaded.data;
  return <ScheduleForm key={`${schedule.id}:${schedule.version}`} enterpriseId={enterpriseId} initial={schedule} etag={etag} navigation={navigation} />;
}

/** A new schedule: the form with one suggested row. */
export function ScheduleCreator({ enterpriseId, navigation }: { enterpriseId: string; navigation: EditorNavigation }) {
  return <ScheduleForm enterpriseId={enterpriseId} initial={undefined} etag={undefined} navigation={navigation} />;
}

function ScheduleForm({
  enterpriseId,
  initial,
  etag,
  navigation,
}: {
  enterpriseId: string;
  initial: Schedule | undefined;
  etag: string | undefined;
  navigation: EditorNavigation;
}) {
  const text = useScheduleTexts();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<BasicFields>();
  const [rows, setRows] = useState<RuleRow[]>(() => (initial ? initial.rules.map(rowOf) : [newRow()]));
  const [selected, setSelected] = useState<string[]>([]);
  const extensionGroups = useExtensionGroups(enterpriseId);

  const save = useMutation({
    mutationFn: async (body: ScheduleBody): Promise<Loaded> => {
      if (initial) {
        const { data, response } = await api.PUT("/api/v1/enterprises/{eid}/schedules/{id}", {
          params: { path: { eid: enterpriseId, id: initial.id } },
          headers: etag ? { "If-Match": etag } : {},
          body,
        });
        const schedule = data as Schedule;
        return { schedule, etag: response.headers.get("etag") ?? `"${schedule.version}"` };
      }
      const { data, response } = await api.POST("/api/v1/enterprises/{eid}/schedules", { params: { path: { eid: enterpriseId } }, body });
      const schedule = data as Schedule;
      return { schedule, etag: response.headers.get("etag") ?? `"${schedule.version}"` };
    },
    onMutate: () => {
      form.setFields([...basicFields].map((name) => ({ name: name as keyof BasicFields, errors: [] })));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: scheduleKeys.all(enterpriseId) });
      queryClient.setQueryData(scheduleKeys.one(enterpriseId, saved.schedule.id), saved);
      void message.success(initial ? text("rules.saved") : text("rules.created"));
      if (!initial) navigation.onCreated(saved.schedule.id);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.field && basicFields.has(error.field)) {
        form.setFields([{ name: error.field as keyof BasicFields, errors: [errorText(error)] }]);
      }
      const ruleError = error instanceof ApiError ? ruleErrorOf(error.field) : undefined;
      const row = ruleError ? rows[ruleError.index] : undefined;
      if (row) document.getElementById(`schedule-rule-${row.key}`)?.scrollIntoView({ block: "center", behavior: "smooth" });
    },
  });

  const ruleError = save.error instanceof ApiError ? ruleErrorOf(save.error.field) : undefined;
  const ruleFieldText = (field: string) => {
    const known = ["type", "date", "month", "day", "weekdays", "start", "end", "action", "destination", "memo"] as const;
    const match = known.find((name) => name === field);
    return text(`rules.fields.${match ?? "row"}`);
  };

  const submit = async () => {
    let values: BasicFields;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    save.mutate({
      name: values.name.trim(),
      cfnaTimeoutSec: values.cfnaTimeoutSec ?? 0,
      extensionGroupId: values.extensionGroupId || null,
      memo: values.memo ?? "",
      rules: rows.map(ruleOf),
    });
  };

  const groupOptions = [
    { value: 0, label: text("extensionGroupNone") },
    ...(extensionGroups.data?.items ?? []).map((group) => ({ value: group.id, label: `${group.name} (${group.siteNumber})` })),
  ];
  if (initial?.extensionGroupId && !groupOptions.some((option) => option.value === initial.extensionGroupId)) {
    groupOptions.push({ value: initial.extensionGroupId, label: String(initial.extensionGroupId) });
  }

  const rulesPanel = (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon title={text("rules.help")} />
      <Flex gap={8} wrap>
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => setRows((current) => [...current, newRow()])}>
          {text("rules.addRow")}
        </Button>
        <Button
          danger
          icon={<DeleteOutlined aria-hidden />}
          disabled={selected.length === 0}
          onClick={() => {
            setRows((current) => current.filter((row) => !selected.includes(row.key)));
            setSelected([]);
          }}
        >
          {text("rules.deleteRows")}
        </Button>
        <Button type="primary" icon={<SaveOutlined aria-hidden />} loading={save.isPending} onClick={() => void submit()}>
          {initial ? text("rules.update") : text("rules.create")}
        </Button>
      </Flex>
      {save.isError && (
        <Flex vertical gap={4}>
          <ErrorAlert error={save.error} />
          {ruleError && (
            <Typography.Text type="danger">
              {text("rules.rowError", { n: ruleError.index + 1, field: ruleFieldText(ruleError.field) })}
            </Typography.Text>
          )}
        </Flex>
      )}
      <ConfigProvider componentDisabled={save.isPending}>
        <RulesTable rows={rows} setRows={setRows} selected={selected} setSelected={setSelected} error={ruleError} disabled={save.isPending} />
      </ConfigProvider>
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {initial ? text("editHeading", { name: initial.name }) : text("newHeading")}
      </Typography.Title>
      <Card title={text("basic")} size="small" extra={<Typography.Text type="secondary">{text("requiredNote")}</Typography.Text>}>
        <Form<BasicFields>
          form={form}
          name="schedule"
          layout="horizontal"
          labelCol={{ flex: "240px" }}
          labelWrap
          disabled={save.isPending}
          initialValues={{
            name: initial?.name ?? "",
            cfnaTimeoutSec: initial?.cfnaTimeoutSec ?? 20,
            extensionGroupId: initial?.extensionGroupId ?? 0,
            memo: initial?.memo ?? "",
          }}
          style={{ maxWidth: 760 }}
        >
          <Form.Item<BasicFields> label={text("name")} name="name" rules={[{ required: true, whitespace: true, message: text("nameRequired") }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item<BasicFields>
            label={text("cfnaTimeout")}
            name="cfnaTimeoutSec"
            extra={text("cfnaHelp")}
            rules={[{ required: true, message: text("timerRequired") }]}
          >
            <InputNumber precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item<BasicFields> label={text("extensionGroup")} name="extensionGroupId" extra={text("extensionGroupHelp")}>
            <Select aria-label={text("extensionGroup")} options={groupOptions} loading={extensionGroups.isFetching} style={{ maxWidth: 320 }} />
          </Form.Item>
          <Form.Item<BasicFields> label={text("memo")} name="memo">
            <Input maxLength={256} />
          </Form.Item>
        </Form>
      </Card>

      <Tabs
        destroyOnHidden
        activeKey={initial ? navigation.tab : "rules"}
        onChange={(key) => navigation.onTabChange(key as EditorTab)}
        items={[
          { key: "rules", label: text("tabs.rules"), children: rulesPanel },
          {
            key: "preview",
            label: text("tabs.preview"),
            disabled: !initial,
            children: initial ? (
              <SchedulePreview enterpriseId={enterpriseId} scheduleId={initial.id} from={navigation.previewFrom} onFromChange={navigation.onPreviewFromChange} />
            ) : (
              <Typography.Text type="secondary">{text("previewNeedsSave")}</Typography.Text>
            ),
          },
        ]}
      />
    </Flex>
  );
}
