// ピックアップグループメンバ設定 (features.md §11; M2 ch.6): メンバ / 非メンバ / 両方, check the numbers
// of the group, 変更. A number is in at most one pickup group: one from another group moves here.
import { useQuery } from "@tanstack/react-query";
import { Alert, Flex, Typography } from "antd";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { PageSpin } from "../../app/page-spin";
import { MemberEditor, readAll, type MemberParams } from "../extension-groups/member-editor";
import { usePickupGroupTexts } from "./i18n";
import { pickupGroupKeys } from "./pickup-group-list";
import type { PickupMember, PickupMemberSort, PickupMembersResult } from "./types";

const sortKeys: readonly PickupMemberSort[] = ["subscriberId", "number", "displayName"];

export function PickupGroupMembers({ enterpriseId, groupId }: { enterpriseId: string; groupId: number }) {
  const text = usePickupGroupTexts();
  const group = useQuery({
    queryKey: pickupGroupKeys.one(enterpriseId, groupId),
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/pickup-groups/{id}", { params: { path: { eid: enterpriseId, id: groupId } } })),
  });
  const names = useQuery({
    queryKey: pickupGroupKeys.names(enterpriseId),
    queryFn: async () => {
      const all = await readAll((offset, limit) =>
        unwrap(api.GET("/api/v1/enterprises/{eid}/pickup-groups", { params: { path: { eid: enterpriseId }, query: { sort: "name", offset, limit } } })),
      );
      return new Map(all.map((g) => [g.id, g.name]));
    },
  });

  if (group.isPending) return <PageSpin />;
  if (group.isError) return <ErrorAlert error={group.error} />;

  const page = (params: Partial<MemberParams<PickupMemberSort>> & Pick<MemberParams<PickupMemberSort>, "membership" | "offset" | "limit">) =>
    unwrap(
      api.GET("/api/v1/enterprises/{eid}/pickup-groups/{id}/members", {
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

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {text("members.heading", { name: group.data.name })}
      </Typography.Title>
      <Typography.Text>{text("members.summary", { number: group.data.number, site: group.data.site, count: group.data.memberCount })}</Typography.Text>
      <MemberEditor<PickupMember, PickupMemberSort, PickupMembersResult>
        queryKey={pickupGroupKeys.members(enterpriseId, groupId)}
        invalidateKey={[pickupGroupKeys.all(enterpriseId), ["subscribers", enterpriseId]]}
        fetchPage={page}
        fetchMembers={() => readAll((offset, limit) => page({ membership: "member", offset, limit }))}
        sortKeys={sortKeys}
        defaultSort="subscriberId"
        extraColumns={[
          {
            title: text("members.currentGroup"),
            key: "currentGroup",
            render: (_value, item) => (item.pickupGroupId === null ? text("members.none") : (names.data?.get(item.pickupGroupId) ?? `#${item.pickupGroupId}`)),
          },
        ]}
        save={(entries) =>
          unwrap(
            api.PUT("/api/v1/enterprises/{eid}/pickup-groups/{id}/members", {
              params: { path: { eid: enterpriseId, id: groupId } },
              body: { subscriberIds: entries.map((entry) => entry.subscriberId) },
            }),
          )
        }
        savedCount={(result) => result.subscriberIds.length}
        note={<Alert type="info" showIcon title={text("members.note")} />}
      />
    </Flex>
  );
}
