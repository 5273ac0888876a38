// 加入者一覧出力 (features.md §14, M1 5-2): 拠点選択 加入者一覧(企業); 企業選択 (operators);
// 整列順指定 内線番号順 | 外線番号順, with 外線番号順 a lower and upper bound on the number;
// 件数表示 ("加入者は N 件です。") and CSV出力 (Shift_JIS for Excel, or UTF-8).
import { DownloadOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Alert, App, Button, Card, Flex, Form, Input, Radio, Typography } from "antd";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { useEnterprisePlan } from "../subscribers/enterprise-plan";
import { useText } from "../subscribers/i18n";
import { downloadSubscriberCsv, type SubscriberCsvQuery } from "./csv-download";

interface ExportForm {
  sort: "extension" | "number";
  from: string;
  to: string;
  encoding: "shift_jis" | "utf-8";
}

const digits = /^[0-9]{0,20}$/;

/** The number range applies to 外線番号順 only. */
function rangeOf(values: ExportForm): { from?: string; to?: string } {
  if (values.sort !== "number") return {};
  return { ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}) };
}

export function SubscriberExportPage() {
  const tx = useText();
  const scope = useEnterpriseScope();
  const eid = scope.enterpriseId;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {tx("export.heading")}
      </Typography.Title>
      {scope.chooser}
      {eid === undefined ? (
        scope.prompt
      ) : (
        <ExportCard key={eid} enterpriseId={eid} />
      )}
    </Flex>
  );
}

function ExportCard({ enterpriseId }: { enterpriseId: string }) {
  const tx = useText();
  const { message } = App.useApp();
  const plan = useEnterprisePlan(enterpriseId);
  const [form] = Form.useForm<ExportForm>();
  const sort = Form.useWatch("sort", form) ?? "extension";
  const count = useMutation({
    mutationFn: (values: ExportForm) =>
      unwrap(api.GET("/api/v1/enterprises/{eid}/subscribers/count", { params: { path: { eid: enterpriseId }, query: rangeOf(values) } })),
  });
  const download = useMutation({
    mutationFn: (values: ExportForm) => {
      const query: SubscriberCsvQuery = { sort: values.sort, ...rangeOf(values), ...(values.encoding === "utf-8" ? { encoding: "utf-8" } : {}) };
      return downloadSubscriberCsv(enterpriseId, query);
    },
    onSuccess: () => void message.success(tx("export.downloaded")),
  });

  /** Both buttons check the bounds first. */
  const run = (action: (values: ExportForm) => void) => {
    form
      .validateFields()
      .then(() => action(form.getFieldsValue(true) as ExportForm))
      .catch(() => undefined);
  };

  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{tx("export.help")}</Typography.Paragraph>
      <Form<ExportForm>
        form={form}
        name="subscriber-export"
        layout="horizontal"
        labelCol={{ flex: "180px" }}
        labelWrap
        initialValues={{ sort: "extension", from: "", to: "", encoding: "shift_jis" }}
        onValuesChange={() => count.reset()}
      >
        <Form.Item label={tx("export.site")}>
          <Typography.Text>{tx("export.siteEnterprise")}</Typography.Text>
        </Form.Item>
        <Form.Item label={tx("enterprise.name")}>
          <Typography.Text>{plan.name ? `${plan.name} (${enterpriseId})` : enterpriseId}</Typography.Text>
        </Form.Item>
        <Form.Item<ExportForm> label={tx("export.sort")} name="sort">
          <Radio.Group
            options={[
              { value: "extension", label: tx("export.sortExtension") },
              { value: "number", label: tx("export.sortNumber") },
            ]}
          />
        </Form.Item>
        <Form.Item label={tx("export.range")} extra={tx("export.rangeHelp")}>
          <Flex gap={8} align="start" wrap>
            <Form.Item<ExportForm> name="from" noStyle rules={[{ pattern: digits, message: tx("export.digits") }]}>
              <Input aria-label={tx("export.from")} placeholder={tx("export.from")} inputMode="numeric" maxLength={20} style={{ width: 180 }} disabled={sort !== "number"} />
            </Form.Item>
            <Typography.Text>～</Typography.Text>
            <Form.Item<ExportForm> name="to" noStyle rules={[{ pattern: digits, message: tx("export.digits") }]}>
              <Input aria-label={tx("export.to")} placeholder={tx("export.to")} inputMode="numeric" maxLength={20} style={{ width: 180 }} disabled={sort !== "number"} />
            </Form.Item>
          </Flex>
        </Form.Item>
        <Form.Item<ExportForm> label={tx("export.encoding")} name="encoding">
          <Radio.Group
            options={[
              { value: "shift_jis", label: tx("export.shiftJis") },
              { value: "utf-8", label: tx("export.utf8") },
            ]}
          />
        </Form.Item>
        <Flex vertical gap={12}>
          <Flex gap={12} wrap>
            <Button onClick={() => run((values) => count.mutate(values))} loading={count.isPending}>
              {tx("export.count")}
            </Button>
            <Button type="primary" icon={<DownloadOutlined aria-hidden />} onClick={() => run((values) => download.mutate(values))} loading={download.isPending}>
              {tx("export.csv")}
            </Button>
          </Flex>
          <div aria-live="polite">
            {count.data && <Alert type="info" showIcon title={tx("export.countResult", { count: count.data.count })} />}
          </div>
          <ErrorAlert error={count.error} />
          <ErrorAlert error={download.error} onClose={() => download.reset()} />
        </Flex>
      </Form>
    </Card>
  );
}
