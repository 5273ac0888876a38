// Operators create and delete subscribers (features.md §2: customers can't — "加入者ID: ID作成 ×").
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, Modal } from "antd";
import { useState, type Key } from "react";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { useErrorText } from "../../app/error-text";
import { useText } from "./i18n";
import { invalidateSubscribers } from "./queries";

interface NewSubscriber {
  id: string;
  number: string;
  displayName?: string;
  password?: string;
  provisioningPassword: string;
}

export function OperatorSubscriberActions({ enterpriseId, selected, onRemoved }: { enterpriseId: string; selected: Key[]; onRemoved: () => void }) {
  const tx = useText();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewSubscriber>();
  const create = useMutation({
    mutationFn: (body: NewSubscriber) =>
      unwrap(
        api.POST("/api/v1/enterprises/{eid}/subscribers", {
          params: { path: { eid: enterpriseId } },
          body: { ...body, password: body.password === "" ? undefined : body.password },
        }),
      ),
    onSuccess: (created) => {
      void message.success(tx("manage.created", { id: created.id }));
      setOpen(false);
      form.resetFields();
      void invalidateSubscribers(queryClient, enterpriseId);
    },
  });
  const remove = useMutation({
    mutationFn: async (ids: string[]) => {
      // One number at a time, so a refusal (a hunt-group pilot: 8050) names the number it concerns.
      const failures: string[] = [];
      for (const sid of ids) {
        try {
          await unwrap(api.DELETE("/api/v1/enterprises/{eid}/subscribers/{sid}", { params: { path: { eid: enterpriseId, sid } } }));
        } catch (error) {
          failures.push(`${tx("manage.notRemoved", { id: sid })}: ${errorText(error)}`);
        }
      }
      return { removed: ids.length - failures.length, failures };
    },
    onSuccess: ({ removed, failures }) => {
      if (removed > 0) void message.success(tx("manage.removed", { count: removed }));
      for (const f of failures) void message.error(f, 10);
      onRemoved();
      void invalidateSubscribers(queryClient, enterpriseId);
    },
  });
  return (
    <>
      <Button icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {tx("manage.add")}
      </Button>
      <Button
        danger
        icon={<DeleteOutlined aria-hidden />}
        disabled={selected.length === 0}
        loading={remove.isPending}
        onClick={() =>
          modal.confirm({
            title: tx("manage.remove"),
            content: tx("manage.removeConfirm", { count: selected.length }),
            okButtonProps: { danger: true },
            onOk: () => remove.mutate(selected.map(String)),
          })
        }
      >
        {tx("manage.remove")}
      </Button>
      <Modal
        open={open}
        title={tx("manage.addTitle")}
        okText={tx("manage.create")}
        cancelText={tx("manage.cancel")}
        confirmLoading={create.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <ErrorAlert error={create.error} onClose={() => create.reset()} />
        <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values)}>
          <Form.Item name="id" label={tx("manage.id")} rules={[{ required: true }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="number" label={tx("manage.number")} rules={[{ required: true }]}>
            <Input autoComplete="off" inputMode="tel" />
          </Form.Item>
          <Form.Item name="displayName" label={tx("manage.displayName")}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="provisioningPassword" label={tx("manage.provisioningPassword")} rules={[{ required: true }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="password" label={tx("manage.password")}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
