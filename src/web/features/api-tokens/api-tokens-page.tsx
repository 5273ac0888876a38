// APIトークン (api.md §Conventions, §Operator): the tokens in the caller's reach — every token for
// an operator, the enterprise's own for an enterprise admin — newest first, never with their
// secrets; 新規作成 shows the new secret once; 削除 revokes a token at once after a confirmation.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Table, Typography, type TableProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { useDateTime } from "../../app/format";
import { CreateApiTokenDialog, TokenCreatedDialog } from "./api-token-dialogs";
import { useApiTokenTexts } from "./i18n";
import { newestFirst, type ApiToken, type CreatedApiToken } from "./types";

const apiTokenKeys = { all: ["api-tokens"] as const };

interface RevokeFailure {
  name: string;
  error: unknown;
}

export function ApiTokensPage() {
  const text = useApiTokenTexts();
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<{ kind: "create" } | { kind: "created"; created: CreatedApiToken } | null>(null);
  const [failure, setFailure] = useState<RevokeFailure | null>(null);

  const tokens = useQuery({
    queryKey: apiTokenKeys.all,
    queryFn: () => unwrap(api.GET("/api/v1/api-tokens")),
    select: (list) => [...list.items].sort(newestFirst),
  });
  const items = tokens.data ?? [];
  const refresh = () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all });

  const revoke = useMutation({
    mutationFn: (token: ApiToken) => unwrap(api.DELETE("/api/v1/api-tokens/{id}", { params: { path: { id: token.id } } })),
    onMutate: () => setFailure(null),
    onSuccess: (_answer, token) => void message.success(text("revoked", { name: token.name })),
    onError: (error, token) => setFailure({ name: token.name, error }),
    // A token another administrator already deleted (8126) leaves the list too.
    onSettled: () => void refresh(),
  });

  const confirmRevoke = (token: ApiToken) => {
    modal.confirm({
      title: text("revokeTitle"),
      content: (
        <Flex vertical gap={8}>
          <span>{text("revokeConfirm", { name: token.name })}</span>
          <Typography.Text type="secondary">{text("revokeWarning")}</Typography.Text>
        </Flex>
      ),
      okText: t("common.remove"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () => revoke.mutateAsync(token).catch(() => undefined),
    });
  };

  const columns: TableProps<ApiToken>["columns"] = [
    { title: text("name"), dataIndex: "name", key: "name" },
    { title: text("role"), dataIndex: "role", key: "role", render: (_value, token) => text(`roles.${token.role}`) },
    {
      title: text("enterprise"),
      dataIndex: "enterpriseId",
      key: "enterprise",
      // The name as the enterprise list shows it, with its ID (names need not be unique).
      render: (_value, token) =>
        token.enterpriseId === null ? (
          text("allEnterprises")
        ) : (
          <Flex vertical>
            <span>{token.enterpriseName ?? token.enterpriseId}</span>
            <Typography.Text type="secondary">{token.enterpriseId}</Typography.Text>
          </Flex>
        ),
    },
    { title: text("createdBy"), dataIndex: "createdBy", key: "createdBy" },
    { title: text("createdAt"), dataIndex: "createdAt", key: "createdAt", render: (_value, token) => dateTime(token.createdAt) },
    {
      title: text("lastUsedAt"),
      dataIndex: "lastUsedAt",
      key: "lastUsedAt",
      render: (_value, token) => (token.lastUsedAt === null ? <Typography.Text type="secondary">{text("unused")}</Typography.Text> : dateTime(token.lastUsedAt)),
    },
    {
      title: text("actions"),
      key: "actions",
      render: (_value, token) => (
        <Button
          size="small"
          danger
          icon={<DeleteOutlined aria-hidden />}
          aria-label={text("revokeLabel", { name: token.name })}
          loading={revoke.isPending && revoke.variables.id === token.id}
          onClick={() => confirmRevoke(token)}
        >
          {text("revoke")}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {text("heading")}
      </Typography.Title>
      <Typography.Text type="secondary">{text("help")}</Typography.Text>
      <section aria-label={text("heading")}>
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text role="status" aria-live="polite">
              {tokens.data ? text("count", { count: items.length }) : ""}
            </Typography.Text>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: "create" })}>
              {text("create")}
            </Button>
          </Flex>
          <ErrorAlert error={tokens.error} />
          {failure && (
            <Flex vertical gap={4}>
              <Typography.Text type="danger">{text("revokeFailed", { name: failure.name })}</Typography.Text>
              <ErrorAlert error={failure.error} onClose={() => setFailure(null)} />
            </Flex>
          )}
          <Table<ApiToken>
            aria-label={text("heading")}
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={tokens.isFetching}
            scroll={{ x: "max-content" }}
            locale={{ emptyText: text("empty") }}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          />
        </Flex>
      </section>
      {dialog?.kind === "create" && (
        <CreateApiTokenDialog
          onClose={() => setDialog(null)}
          onCreated={(created) => {
            // The list shows the new token (without its secret) behind the dialog that shows the secret.
            setDialog({ kind: "created", created });
            void refresh();
          }}
        />
      )}
      {dialog?.kind === "created" && <TokenCreatedDialog created={dialog.created} onClose={() => setDialog(null)} />}
    </Flex>
  );
}
