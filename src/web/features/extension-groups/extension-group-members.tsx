// 内線グループメンバ設定 (features.md §10; M2 ch.5): check the numbers of the group and give each an
// extension (required: 8012; unique in the group: 8052), 変更. The answer says which numbers'
// forwarding the server adjusted to keep every destination reaching the same number.
import { useQuery } from "@tanstack/react-query";
import { Alert, Flex, Typography } from "antd";
import { api, unwrap } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { PageSpin } from "../../app/page-spin";
import { extensionGroupKeys } from "./extension-group-list";
import { useExtensionGroupTexts } from "./i18n";
import { MemberEditor, readAll, type MemberParams } from "./member-editor";
import type { ExtensionMember, ExtensionMemberSort, ExtensionMembersResult } from "./types";

const sortKeys: readonly ExtensionMemberSort[] = ["extension", "subscriberId", "number", "displayName"];
const forwardingTypes = ["unconditional", "busy", "noAnswer", "voicemail"] as const;

export function ExtensionGroupMembers({ enterpriseId, groupId }: { enterpriseId: string; groupId: number }) {
  const text = useExtensionGroupTexts();
  const group = useQuery({
    queryKey: extensionGroupKeys.one(enterpriseId, groupId),
    queryFn: () => unwrap(api.GET("/api/v1/enterprises/{eid}/extension-groups/{id}", { params: { path: { eid: enterpriseId, id: groupId } } })),
  });
  // Names of the other groups, for the 現在の内線グループ column.
  const names = useQuery({
    queryKey: extensionGroupKeys.names(enterpriseId),
    queryFn: async () => {
      const all = await readAll((offset, limit) =>
        unwrap(api.GET("/api/v1/enterprises/{eid}/extension-groups", { params: { path: { eid: enterpriseId }, query: { sort: "name", offset, limit } } })),
      );
      return new Map(all.map((g) => [g.id, g.name]));
    },
  });

  if (group.isPending) return <PageSpin />;
  if (group.isError) return <ErrorAlert error={group.error} />;

  const page = (params: Partial<MemberParams<ExtensionMemberSort>> & Pick<MemberParams<ExtensionMemberSort>, "membership" | "offset" | "limit">) =>
    unwrap(
      api.GET("/api/v1/enterprises/{eid}/extension-groups/{id}/members", {
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

  const typeName = (type: string) => ((forwardingTypes as readonly string[]).includes(type) ? text(`members.types.${type as (typeof forwardingTypes)[number]}`) : type);
  const adjusted = (result: ExtensionMembersResult) => {
    const forwarding = result.adjustedForwarding;
    const schedules = result.adjustedSchedules;
    if (forwarding.length === 0 && schedules.length === 0) return <span>{text("members.noAdjustment")}</span>;
    return (
      <Flex vertical gap={4}>
        {forwarding.length > 0 && <span>{text("members.adjusted", { ids: forwarding.map((f) => f.subscriberId).join(", ") })}</span>}
        {forwarding
          .filter((f) => f.cleared.length > 0)
          .map((f) => (
            <span key={f.subscriberId}>{text("members.adjustedOne", { id: f.subscriberId, types: f.cleared.map(typeName).join("・") })}</span>
          ))}
        {schedules.length > 0 && <span>{text("members.adjustedSchedules", { names: schedules.map((s) => s.name).join(", ") })}</span>}
      </Flex>
    );
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {text("members.heading", { name: group.data.name })}
      </Typography.Title>
      <Typography.Text>{text("members.summary", { site: group.data.siteNumber, prefix: group.data.externalPrefix, count: group.data.memberCount })}</Typography.Text>
      <MemberEditor<ExtensionMember, ExtensionMemberSort, ExtensionMembersResult>
        queryKey={extensionGroupKeys.members(enterpriseId, groupId)}
        invalidateKey={[extensionGroupKeys.all(enterpriseId), ["subscribers", enterpriseId]]}
        fetchPage={page}
        fetchMembers={() => readAll((offset, limit) => page({ membership: "member", offset, limit }))}
        sortKeys={sortKeys}
        defaultSort="extension"
        value={{ label: text("members.extension"), of: (item) => item.extension, inputMode: "numeric", maxLength: 8, sortKey: "extension" }}
        extraColumns={[
          {
            title: text("members.currentGroup"),
            key: "currentGroup",
            render: (_value, item) =>
              item.extensionGroupId === null ? text("members.none") : (names.data?.get(item.extensionGroupId) ?? `#${item.extensionGroupId}`),
          },
        ]}
        save={(entries) =>
          unwrap(
            api.PUT("/api/v1/enterprises/{eid}/extension-groups/{id}/members", {
              params: { path: { eid: enterpriseId, id: groupId } },
              body: entries.map((entry) => ({ subscriberId: entry.subscriberId, extension: entry.value === "" ? null : entry.value })),
            }),
          )
        }
        savedCount={(result) => result.members.length}
        afterSave={adjusted}
        note={<Alert type="info" showIcon title={text("members.note")} />}
      />
    </Flex>
  );
}
