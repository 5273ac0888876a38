// 転送先番号リスト (features.md §5, M1 5-2): the enterprise's destinations for bulk forwarding, at
// most 30 (8100), each with a memo of at most 256 Shift_JIS bytes (8101, the byte count is shown);
// no international numbers (8102). 保存 replaces the whole list.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Empty, Flex, Form, Input, Typography } from "antd";
import { useNavigate } from "react-router";
import { ApiError, api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { useErrorText } from "../../app/error-text";
import { PageSpin } from "../../app/page-spin";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { useText } from "../subscribers/i18n";
import { catalogueError, shiftJisByteLength } from "../subscribers/local-errors";
import { paths } from "../subscribers/paths";
import { subscriberKeys, useForwardDestinations } from "../subscribers/queries";
import type { ForwardDestination } from "../subscribers/types";
import { compactNumber, destinationProblem } from "./destination-check";

export const maxDestinations = 30;
export const memoMaxBytes = 256;

interface DestinationsForm {
  items: ForwardDestination[];
}

export function ForwardDestinationsPage() {
  const tx = useText();
  const navigate = useNavigate();
  const scope = useEnterpriseScope();
  const eid = scope.enterpriseId;
  const destinations = useForwardDestinations(eid);

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {tx("destinations.heading")}
      </Typography.Title>
      {scope.chooser}
      {eid === undefined ? (
        scope.prompt
      ) : (
        <>
          <Flex justify="space-between" align="start" gap={16} wrap>
            <Typography.Text type="secondary" style={{ flex: "1 1 400px" }}>
              {tx("destinations.help")}
            </Typography.Text>
            <Button
              onClick={() => void navigate(`${paths.bulkForwarding}?${new URLSearchParams(scope.params())}`)}
            >
              {tx("destinations.backToBulk")}
            </Button>
          </Flex>
          {destinations.isPending ? (
            <PageSpin />
          ) : destinations.isError ? (
            <ErrorAlert error={destinations.error} />
          ) : (
            <DestinationsEditor key={eid} enterpriseId={eid} initial={destinations.data} />
          )}
        </>
      )}
    </Flex>
  );
}

/** The row and part of the list that a server error names (`3.memo`, `items`). */
function fieldOf(error: ApiError): [number, keyof ForwardDestination] | undefined {
  const match = /^(\d+)\.(number|memo)$/.exec(error.field ?? "");
  return match ? [Number(match[1]), match[2] as keyof ForwardDestination] : undefined;
}

function DestinationsEditor({ enterpriseId, initial }: { enterpriseId: string; initial: ForwardDestination[] }) {
  const tx = useText();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DestinationsForm>();
  const items = Form.useWatch("items", form) ?? initial;
  const save = useMutation({
    mutationFn: (body: ForwardDestination[]) =>
      unwrap(api.PUT("/api/v1/enterprises/{eid}/forward-destinations", { params: { path: { eid: enterpriseId } }, body })),
    onSuccess: (list) => {
      queryClient.setQueryData(subscriberKeys.destinations(enterpriseId), list);
      form.setFieldsValue({ items: list });
      void message.success(tx("destinations.saved"));
    },
    onError: (error) => {
      // The server names the row at fault: show its message there too.
      const at = error instanceof ApiError ? fieldOf(error) : undefined;
      if (at) form.setFields([{ name: ["items", at[0], at[1]], errors: [errorText(error)] }]);
    },
  });

  return (
    <Form<DestinationsForm>
      form={form}
      name="forward-destinations"
      initialValues={{ items: initial }}
      disabled={save.isPending}
      onFinish={(values) =>
        save.mutate((values.items ?? []).map((item) => ({ number: compactNumber(item.number ?? ""), memo: item.memo ?? "" })))
      }
    >
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <Flex vertical gap={12}>
            <table style={{ width: "100%", borderCollapse: "collapse" }} aria-label={tx("destinations.heading")}>
              <thead>
                <tr>
                  <th style={{ width: 56, textAlign: "start", padding: 8 }}>{tx("destinations.no")}</th>
                  <th style={{ width: 260, textAlign: "start", padding: 8 }}>{tx("destinations.number")}</th>
                  <th style={{ textAlign: "start", padding: 8 }}>{tx("destinations.memo")}</th>
                  <th style={{ width: 100 }} />
                </tr>
              </thead>
              <tbody>
                {fields.map((field, index) => {
                  const bytes = shiftJisByteLength(items[field.name]?.memo ?? "");
                  const n = index + 1;
                  return (
                    <tr key={field.key} style={{ verticalAlign: "top" }}>
                      <td style={{ padding: 8 }}>{n}</td>
                      <td style={{ padding: 8 }}>
                        <Form.Item
                          name={[field.name, "number"]}
                          validateTrigger={["onBlur"]}
                          style={{ marginBottom: 0 }}
                          rules={[
                            { required: true, whitespace: true, message: tx("destinations.numberRequired") },
                            {
                              validator: async (_rule, value: string | undefined) => {
                                const problem = destinationProblem(value ?? "", `${field.name}.number`, false);
                                if (problem) throw new Error(errorText(problem));
                              },
                            },
                          ]}
                        >
                          <Input aria-label={`${tx("destinations.number")} ${n}`} inputMode="tel" maxLength={32} />
                        </Form.Item>
                      </td>
                      <td style={{ padding: 8 }}>
                        <Form.Item
                          name={[field.name, "memo"]}
                          style={{ marginBottom: 0 }}
                          extra={
                            <Typography.Text type={bytes > memoMaxBytes ? "danger" : "secondary"}>
                              {tx("destinations.bytes", { bytes })}
                            </Typography.Text>
                          }
                          rules={[
                            {
                              validator: async (_rule, value: string | undefined) => {
                                if (shiftJisByteLength(value ?? "") > memoMaxBytes) throw new Error(errorText(catalogueError("8101", `${field.name}.memo`)));
                              },
                            },
                          ]}
                        >
                          <Input aria-label={`${tx("destinations.memo")} ${n}`} />
                        </Form.Item>
                      </td>
                      <td style={{ padding: 8 }}>
                        <Button
                          danger
                          type="text"
                          icon={<DeleteOutlined aria-hidden />}
                          aria-label={tx("destinations.removeRow", { n })}
                          onClick={() => remove(field.name)}
                        >
                          {tx("destinations.remove")}
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {fields.length === 0 && <Empty description={tx("destinations.empty")} />}
            <Flex gap={12} align="center">
              <Button icon={<PlusOutlined aria-hidden />} disabled={fields.length >= maxDestinations} onClick={() => add({ number: "", memo: "" })}>
                {tx("destinations.add")}
              </Button>
              <Typography.Text type="secondary">
                {fields.length} / {maxDestinations}
                {fields.length >= maxDestinations ? `  ${tx("destinations.full")}` : ""}
              </Typography.Text>
            </Flex>
          </Flex>
        )}
      </Form.List>
      <Flex vertical gap={12} style={{ marginTop: 24 }}>
        <ErrorAlert error={save.error} />
        <div>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {tx("common.save")}
          </Button>
        </div>
      </Flex>
    </Form>
  );
}
