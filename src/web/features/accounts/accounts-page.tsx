// ログインアカウント (features.md §7; M1 5-2): search by 権限 (企業 | グループ + group), 検索条件 and
// ログインID; 追加; the account's detail (its settings and password change); 削除 of the checked
// accounts after a confirmation — the built-in Administrator (8104) and the last enterprise
// admin (8122) are refused by the server, which says why.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Flex, Form, Input, Select, Table, Tag, Typography, type TableProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { lineIdsOf, useEnterpriseInfo, useEnterpriseScope } from "../../app/enterprise-scope";
import { ErrorAlert } from "../../app/error-alert";
import { MatchModeRadio, ResultCount, sortOrderOf, useServerPagination, type MatchMode, type SortOrder } from "../../app/list-controls";
import { AccountDialog, AddAccountDialog, useAdminGroupOptions } from "./account-dialogs";
import { useAccountTexts } from "./i18n";
import type { AccountRole, LoginAccount } from "./types";

type SortKey = "loginId" | "role" | "createdAt";

interface Filters {
  role: AccountRole | "any";
  adminGroupId: number | undefined;
  match: MatchMode;
  q: string;
}

interface ListParams extends Filters {
  sort: SortKey;
  order: SortOrder;
  offset: number;
  limit: number;
}

interface DeleteFailure {
  loginId: string;
  error: unknown;
}

const accountKeys = {
  all: (enterpriseId: string) => ["accounts", enterpriseId] as const,
  list: (enterpriseId: string, params: ListParams) => ["accounts", enterpriseId, "list", params] as const,
};

function AccountList({ enterpriseId }: { enterpriseId: string }) {
  const text = useAccountTexts();
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const enterprise = useEnterpriseInfo(enterpriseId);
  const groups = useAdminGroupOptions(enterpriseId);
  const initialFilters: Filters = { role: "any", adminGroupId: undefined, match: "prefix", q: "" };
  const [draft, setDraft] = useState<Filters>(initialFilters);
  const [params, setParams] = useState<ListParams>({ ...initialFilters, sort: "loginId", order: "asc", offset: 0, limit: 50 });
  const [checked, setChecked] = useState<string[]>([]);
  const [failures, setFailures] = useState<DeleteFailure[]>([]);
  const [dialog, setDialog] = useState<{ kind: "add" } | { kind: "detail"; loginId: string } | null>(null);

  const accounts = useQuery({
    queryKey: accountKeys.list(enterpriseId, params),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/enterprises/{eid}/accounts", {
          params: {
            path: { eid: enterpriseId },
            query: {
              ...(params.role !== "any" ? { role: params.role } : {}),
              ...(params.role === "groupAdmin" && params.adminGroupId !== undefined ? { adminGroupId: params.adminGroupId } : {}),
              ...(params.q ? { q: params.q, match: params.match } : {}),
              sort: params.sort,
              order: params.order,
              offset: params.offset,
              limit: params.limit,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const items = accounts.data?.items ?? [];
  const pagination = useServerPagination(params, accounts.data?.total, (page) => setParams((current) => ({ ...current, ...page })));
  const refresh = () => queryClient.invalidateQueries({ queryKey: accountKeys.all(enterpriseId) });

  const remove = useMutation({
    mutationFn: async (targets: string[]) => {
      const failed: DeleteFailure[] = [];
      let deleted = 0;
      for (const loginId of targets) {
        try {
          await unwrap(api.DELETE("/api/v1/enterprises/{eid}/accounts/{loginId}", { params: { path: { eid: enterpriseId, loginId } } }));
          deleted += 1;
        } catch (error) {
          failed.push({ loginId, error });
        }
      }
      return { deleted, failed };
    },
    onSuccess: ({ deleted, failed }) => {
      setFailures(failed);
      setChecked([]);
      if (deleted > 0) void message.success(text("deleted", { count: deleted }));
      void refresh();
    },
  });

  const confirmDelete = () => {
    if (checked.length === 0) return;
    const targets = [...checked];
    modal.confirm({
      title: text("deleteConfirmTitle"),
      content: (
        <Flex vertical gap={8}>
          <span>{text("deleteConfirm")}</span>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {targets.map((loginId) => (
              <li key={loginId}>{loginId}</li>
            ))}
          </ul>
          <Typography.Text type="secondary">{text("deleteWarning")}</Typography.Text>
        </Flex>
      ),
      okText: t("common.remove"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () => remove.mutateAsync(targets),
    });
  };

  const columns: TableProps<LoginAccount>["columns"] = [
    {
      title: text("account"),
      dataIndex: "loginId",
      key: "loginId",
      sorter: true,
      sortOrder: sortOrderOf(params.sort, params.order, "loginId"),
      render: (_value, account) => (
        <Flex gap={6} align="center">
          <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setDialog({ kind: "detail", loginId: account.loginId })}>
            {account.loginId}
          </Button>
          {account.builtIn && <Tag>{text("builtIn")}</Tag>}
        </Flex>
      ),
    },
    {
      title: text("role"),
      dataIndex: "role",
      key: "role",
      sorter: true,
      sortOrder: sortOrderOf(params.sort, params.order, "role"),
      render: (_value, account) => text(`roles.${account.role}`),
    },
    { title: text("group"), dataIndex: "adminGroupName", key: "group", render: (_value, account) => account.adminGroupName ?? "" },
    { title: text("enterpriseName"), key: "enterpriseName", render: () => enterprise.data?.name ?? "" },
    { title: text("enterpriseId"), dataIndex: "enterpriseId", key: "enterpriseId" },
    { title: text("lineIds"), key: "lineIds", render: () => lineIdsOf(enterprise.data) },
    { title: text("memo"), dataIndex: "memo", key: "memo" },
  ];

  return (
    <Flex vertical gap={16}>
      <Card title={text("searchTitle")} size="small">
        <Form
          layout="inline"
          onFinish={() => {
            setChecked([]);
            setParams((current) => ({ ...current, ...draft, q: draft.q.trim(), offset: 0 }));
          }}
        >
          <Form.Item label={text("role")}>
            <Select<Filters["role"]>
              aria-label={text("role")}
              value={draft.role}
              style={{ width: 140 }}
              onChange={(role) => setDraft((d) => ({ ...d, role, adminGroupId: role === "groupAdmin" ? d.adminGroupId : undefined }))}
              options={[
                { value: "any", label: text("roleAny") },
                { value: "enterpriseAdmin", label: text("roles.enterpriseAdmin") },
                { value: "groupAdmin", label: text("roles.groupAdmin") },
              ]}
            />
          </Form.Item>
          {draft.role === "groupAdmin" && (
            <Form.Item label={text("group")}>
              <Select<number>
                aria-label={text("group")}
                value={draft.adminGroupId}
                allowClear
                placeholder={text("groupAny")}
                style={{ width: 220 }}
                loading={groups.loading}
                options={groups.options}
                onChange={(adminGroupId) => setDraft((d) => ({ ...d, adminGroupId }))}
              />
            </Form.Item>
          )}
          <Form.Item label={text("loginIdSearch")} htmlFor="account-search-login-id">
            <Input id="account-search-login-id" value={draft.q} allowClear style={{ width: 220 }} onChange={(event) => setDraft((d) => ({ ...d, q: event.target.value }))} />
          </Form.Item>
          <Form.Item>
            <MatchModeRadio value={draft.match} onChange={(match) => setDraft((d) => ({ ...d, match }))} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              {t("common.search")}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <section aria-label={text("resultTitle")}>
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <ResultCount total={accounts.data?.total} />
            <Flex gap={8}>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: "add" })}>
                {t("common.add")}
              </Button>
              <Button danger icon={<DeleteOutlined aria-hidden />} disabled={checked.length === 0} loading={remove.isPending} onClick={confirmDelete}>
                {text("deleteChecked")}
              </Button>
            </Flex>
          </Flex>
          <ErrorAlert error={accounts.error} />
          {failures.map((failure) => (
            <Flex key={failure.loginId} vertical gap={4}>
              <Typography.Text type="danger">{text("deleteFailed", { loginId: failure.loginId })}</Typography.Text>
              <ErrorAlert error={failure.error} />
            </Flex>
          ))}
          <Table<LoginAccount>
            rowKey="loginId"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={accounts.isFetching}
            locale={{ emptyText: text("empty") }}
            rowSelection={{
              selectedRowKeys: checked,
              onChange: (keys) => setChecked(keys.map(String)),
              getCheckboxProps: (account) => ({ "aria-label": account.loginId }),
            }}
            sortDirections={["ascend", "descend"]}
            onChange={(_pagination, _filters, sorter, extra) => {
              if (extra.action !== "sort") return;
              const single = Array.isArray(sorter) ? sorter[0] : sorter;
              const key = single?.columnKey;
              const sort: SortKey = key === "role" || key === "createdAt" ? key : "loginId";
              const order: SortOrder = single?.order === "descend" ? "desc" : "asc";
              setParams((current) => (current.sort === sort && current.order === order ? current : { ...current, sort, order, offset: 0 }));
            }}
            pagination={pagination}
          />
        </Flex>
      </section>
      {dialog?.kind === "add" && (
        <AddAccountDialog
          enterpriseId={enterpriseId}
          onClose={() => setDialog(null)}
          onAdded={(loginId) => {
            setDialog(null);
            void message.success(text("added", { loginId }));
            void refresh();
          }}
        />
      )}
      {dialog?.kind === "detail" && (
        <AccountDialog
          enterpriseId={enterpriseId}
          loginId={dialog.loginId}
          onClose={() => setDialog(null)}
          onChanged={(loginId) => {
            setDialog({ kind: "detail", loginId });
            void refresh();
          }}
        />
      )}
    </Flex>
  );
}

export function AccountsPage() {
  const text = useAccountTexts();
  const scope = useEnterpriseScope();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {text("heading")}
      </Typography.Title>
      {scope.chooser}
      {scope.prompt}
      {scope.enterpriseId !== undefined && <AccountList key={scope.enterpriseId} enterpriseId={scope.enterpriseId} />}
    </Flex>
  );
}
