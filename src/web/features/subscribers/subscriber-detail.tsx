// 照会と変更 of one number (features.md §2): tabs 電話番号情報, 発着信設定, 留守番電話/転送設定, 端末.
// The tab (and the forwarding view) is in the address, so a reload or a link opens the same one.
import { ArrowLeftOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Flex, Tabs, Typography } from "antd";
import { useNavigate, useSearchParams } from "react-router";
import { ErrorAlert } from "../../app/error-alert";
import { PageSpin } from "../../app/page-spin";
import { useAccount } from "../../app/session";
import { CallSettingsTab } from "../call-settings/call-settings-tab";
import { ForwardingTab } from "../forwarding/forwarding-tab";
import { useTerminalTexts } from "../terminal/i18n";
import { TerminalTab } from "../terminal/terminal-tab";
import { VersionChainProvider } from "./edit-base";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { useEnterprisePlan } from "./enterprise-plan";
import { useText } from "./i18n";
import { subscriberListPath, type DetailTab } from "./paths";
import { fetchDetail, fetchSubscriberList, subscriberKeys } from "./queries";
import { SubscriberInfoTab } from "./subscriber-info-tab";
import { defaultListParams } from "./list-params";

const tabs: readonly DetailTab[] = ["info", "callSettings", "forwarding", "terminal"];

export function SubscriberDetailPage({ subscriberId }: { subscriberId: string }) {
  const tx = useText();
  const account = useAccount();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const scope = useEnterpriseScope();
  const eid = scope.enterpriseId ?? "";
  const plan = useEnterprisePlan(scope.enterpriseId);
  const detail = useQuery({
    queryKey: subscriberKeys.detail(eid, subscriberId),
    queryFn: () => fetchDetail(eid, subscriberId),
    enabled: eid !== "",
  });
  // The list row names the number's pickup and hunt groups and its terminal state.
  const row = useQuery({
    queryKey: subscriberKeys.row(eid, subscriberId),
    queryFn: async () => {
      const list = await fetchSubscriberList(eid, { ...defaultListParams, field: "id", match: "exact", q: subscriberId, limit: 1 });
      return list.items.find((item) => item.id === subscriberId) ?? null;
    },
    enabled: eid !== "",
  });

  const forwardingAvailable = plan.services?.forwarding !== false;
  // 端末 (features.md §9) belongs to the app service.
  const terminalText = useTerminalTexts();
  const terminalAvailable = plan.services?.app !== false;
  const requested = search.get("tab");
  const tab: DetailTab =
    tabs.includes(requested as DetailTab) && (requested !== "forwarding" || forwardingAvailable) && (requested !== "terminal" || terminalAvailable)
      ? (requested as DetailTab)
      : "info";

  const back = () => {
    const list = new URLSearchParams(search);
    list.delete("tab");
    list.delete("view");
    const query = list.toString();
    void navigate(`${subscriberListPath(account.role)}${query ? `?${query}` : ""}`);
  };

  const data = detail.data;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1040 }}>
      <Flex justify="space-between" align="start" gap={16} wrap>
        <div>
          <Typography.Title level={2} style={{ marginTop: 0, marginBottom: 4 }}>
            {tx("detail.heading")}
          </Typography.Title>
          <Typography.Text strong>
            {tx("detail.subtitle", { id: subscriberId })}
            {data ? `  ${tx("fields.number")}: ${data.number}` : ""}
            {data?.displayName ? `  ${data.displayName}` : ""}
          </Typography.Text>
        </div>
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={back}>
          {tx("detail.back")}
        </Button>
      </Flex>
      {eid === "" ? (
        scope.prompt
      ) : detail.isPending ? (
        <PageSpin />
      ) : detail.isError ? (
        <ErrorAlert error={detail.error} />
      ) : (
        <VersionChainProvider>
          {!forwardingAvailable && <Alert type="info" showIcon title={tx("detail.noForwarding")} />}
          <Tabs
            activeKey={tab}
            onChange={(key) =>
              setSearch(
                (current) => {
                  const next = new URLSearchParams(current);
                  next.set("tab", key);
                  if (key !== "forwarding") next.delete("view");
                  return next;
                },
                { replace: true },
              )
            }
            items={[
              {
                key: "info",
                label: tx("detail.tabInfo"),
                children: <SubscriberInfoTab enterpriseId={eid} detail={detail.data} row={row.data ?? undefined} />,
              },
              {
                key: "callSettings",
                label: tx("detail.tabCallSettings"),
                children: <CallSettingsTab enterpriseId={eid} subscriberId={subscriberId} />,
              },
              ...(forwardingAvailable
                ? [
                    {
                      key: "forwarding",
                      label: tx("detail.tabForwarding"),
                      children: (
                        <ForwardingTab
                          enterpriseId={eid}
                          subscriberId={subscriberId}
                          inExtensionGroup={detail.data.extensionGroup !== null}
                          services={plan.services}
                        />
                      ),
                    },
                  ]
                : []),
              ...(terminalAvailable
                ? [
                    {
                      key: "terminal",
                      label: terminalText("tab"),
                      children: <TerminalTab enterpriseId={eid} subscriberId={subscriberId} number={detail.data.number} />,
                    },
                  ]
                : []),
            ]}
          />
        </VersionChainProvider>
      )}
    </Flex>
  );
}
