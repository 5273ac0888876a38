// 代表グループメンバ設定 (features.md §8; M2 ch.4): check the numbers of the group and give each its
// 着信順序 (required even when the distribution ignores it), 変更. The server keeps the rules:
// one hunt group per number (8022), no duplicate member or order (8031 / 8032), 同報 at most 5
// members (8084), the other distributions 32 (8085).
import { useQuery } from "@tanstack/react-query";
import { Alert, Flex, Typography } from "antd";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { PageSpin } from "../../app/page-spin";
import { MemberEditor, readAll, type MemberParams } from "../extension-groups/member-editor";
import { huntGroupKeys } from "./hunt-group-list";
import { useHuntGroupTexts } from "./i18n";
import type { HuntMember, HuntMemberSort, HuntMembersResult } from "./types";

const sortKeys: readonly HuntMemberSort[] = ["order", "subscriberId", "number", "displayName"];

/** The next order after every order so far (members and the numbers checked before). */
function nextOrder(entries: readonly { value: string }[]): string {
  const orders = entries.map((entry) => Number(entry.value)).filter((n) => Number.isInteger(n) && n > 0);
  return String(Math.min(999, (orders.length === 0 ? 0 : Math.max(...orders)) + 1));
}

export function HuntGroupMembers({ enterpriseId, groupId }: { enterpriseId: string; groupId: number }) {
  const text = useHuntGroupTexts();
  const group = useQuery({
    queryKey: huntGroupKeys.one(enterpriseId, groupId),
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/hunt-groups/{id}", { params: { path: { eid: enterpriseId, id: groupId } } })),
  });
  const names = useQuery({
    queryKey: huntGroupKeys.names(enterpriseId),
    queryFn: async () => {
      const all = await readAll((offset, limit) =>
        unwrap(api.GET("/api/v1/enterprises/{eid}/hunt-groups", { params: { path: { eid: enterpriseId }, query: { sort: "name", offset, limit } } })),
      );
      return new Map(all.map((g) => [g.id, g.name]));
    },
  });

  if (group.isPending) return <PageSpin />;
  if (group.isError) return <ErrorAlert error={group.error} />;

  const page = (params: Partial<MemberParams<HuntMemberSort>> & Pick<MemberParams<HuntMemberSort>, "membership" | "offset" | "limit">) =>
    unwrap(
      api.GET("/api/v1/enterprises/{eid}/hunt-groups/{id}/members", {
        params: {
          path: { eid: enterpriseId, id: groupId },
          query: {
            membership: params.membership,
            ...(params.q ? { q: params.q, match: "partial" as const } : {}),
            ...(params.sort ? { sort: params.sort } : {}),
            ...(params.order ? { order: params.order } : {}),
            offset: params.offset,
            limit: params.limit,
          },
        },
      }),
    );

  const simultaneous = group.data.distribution === "simultaneous";
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {text("members.heading", { name: group.data.name })}
      </Typography.Title>
      <Typography.Text>
        {text("members.summary", {
          pilot: group.data.pilotSubscriberId,
          distribution: text(`distributions.${group.data.distribution}`),
          count: group.data.memberCount,
        })}
      </Typography.Text>
      <MemberEditor<HuntMember, HuntMemberSort, HuntMembersResult>
        queryKey={huntGroupKeys.members(enterpriseId, groupId)}
        invalidateKey={[huntGroupKeys.all(enterpriseId), ["subscribers", enterpriseId]]}
        fetchPage={page}
        fetchMembers={() => readAll((offset, limit) => page({ membership: "member", sort: "order", offset, limit }))}
        sortKeys={sortKeys}
        defaultSort="order"
        value={{
          label: text("members.order"),
          of: (item) => (item.member && item.order !== null ? String(item.order) : ""),
          required: true,
          pattern: /^\d{1,3}$/,
          inputMode: "numeric",
          maxLength: 3,
          sortKey: "order",
          suggest: nextOrder,
        }}
        extraColumns={[
          {
            title: text("members.currentGroup"),
            key: "currentGroup",
            render: (_value, item) => (item.huntGroupId === null ? text("members.none") : (names.data?.get(item.huntGroupId) ?? `#${item.huntGroupId}`)),
          },
        ]}
        save={(entries) =>
          unwrap(
            api.PUT("/api/v1/enterprises/{eid}/hunt-groups/{id}/members", {
              params: { path: { eid: enterpriseId, id: groupId } },
              body: entries.map((entry) => ({ subscriberId: entry.subscriberId, order: Number(entry.value) })),
            }),
          )
        }
        savedCount={(result) => result.members.length}
        note={
          <Flex vertical gap={8}>
            <Alert type="info" showIcon title={text("members.note")} />
            <Typography.Text type="secondary">
              {simultaneous ? text("members.limitSimultaneous") : text("members.limitOthers")} {text("members.otherGroup")}
            </Typography.Text>
          </Flex>
        }
      />
    </Flex>
  );
}
