// 企業管理 (operator): the enterprises, searched and paged on the server (api.md §Lists).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Flex, Input, Table, Typography, type TableProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { Enterprise } from "../../api/types";
import { ErrorAlert } from "../../app/error-alert";
import { queryKeys } from "../../app/query-client";

const pageSize = 50;

type SortKey = "id" | "name";
type SortOrder = "asc" | "desc";

interface ListParams {
  q: string;
  sort: SortKey;
  order: SortOrder;
  offset: number;
  limit: number;
}

export function EnterprisesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useState<ListParams>({ q: "", sort: "id", order: "asc", offset: 0, limit: pageSize });
  const enterprises = useQuery({
    queryKey: queryKeys.enterprises(params),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/enterprises", {
          params: {
            query: {
              ...(params.q ? { q: params.q } : {}),
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

  const sortOrderOf = (key: SortKey) => (params.sort === key ? (params.order === "asc" ? "ascend" : "descend") : null);
  const columns: TableProps<Enterprise>["columns"] = [
    { title: t("enterprises.id"), dataIndex: "id", key: "id", sorter: true, sortOrder: sortOrderOf("id") },
    { title: t("enterprises.name"), dataIndex: "name", key: "name", sorter: true, sortOrder: sortOrderOf("name") },
    {
      title: t("enterprises.lineIds"),
      key: "lineIds",
      render: (_value, enterprise) => [enterprise.lineId1, enterprise.lineId2].filter(Boolean).join(", "),
    },
    { title: t("enterprises.timeZone"), dataIndex: "timeZone", key: "timeZone" },
  ];

  const data = enterprises.data;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t("enterprises.heading")}
      </Typography.Title>
      <Input.Search
        style={{ maxWidth: 480 }}
        placeholder={t("enterprises.searchPlaceholder")}
        aria-label={t("enterprises.searchPlaceholder")}
        enterButton={t("common.search")}
        allowClear
        onSearch={(value) => setParams((current) => ({ ...current, q: value.trim(), offset: 0 }))}
      />
      <ErrorAlert error={enterprises.error} />
      <Table<Enterprise>
        rowKey="id"
        size="middle"
        columns={columns}
        sortDirections={["ascend", "descend"]}
        dataSource={data?.items ?? []}
        loading={enterprises.isFetching}
        locale={{ emptyText: t("enterprises.empty") }}
        onChange={(_pagination, _filters, sorter) => {
          const single = Array.isArray(sorter) ? sorter[0] : sorter;
          const key: SortKey = single?.columnKey === "name" ? "name" : "id";
          const order: SortOrder = single?.order === "descend" ? "desc" : "asc";
          setParams((current) =>
            current.sort === key && current.order === order ? current : { ...current, sort: key, order, offset: 0 },
          );
        }}
        pagination={{
          current: Math.floor(params.offset / params.limit) + 1,
          pageSize: params.limit,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [50, 100, 200, 500],
          showTotal: (total, [from, to]) => `${t("common.resultCount", { count: total })}  ${t("common.showing", { from, to })}`,
          onChange: (current, size) => setParams((previous) => ({ ...previous, offset: (current - 1) * size, limit: size })),
        }}
      />
    </Flex>
  );
}
