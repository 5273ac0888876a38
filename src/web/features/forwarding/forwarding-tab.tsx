// 留守番電話/転送設定 of one number (features.md §4) in two views of the same data: 詳細 (M1: each
// forwarding type with its destination, the no-answer timer, the schedule, voicemail) and かんたん
// (M2: オフ | 留守番電話 | 転送 with a condition). Without the forwarding service the API answers
// 8115 and the tab says so.
import { useQuery } from "@tanstack/react-query";
import { Alert, Flex, Segmented, Typography } from "antd";
import { useSearchParams } from "react-router";
import { ApiError } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { PageSpin } from "../../app/page-spin";
import { useEditBase } from "../subscribers/edit-base";
import { useText } from "../subscribers/i18n";
import type { ForwardingView } from "../subscribers/paths";
import { fetchForwarding, subscriberKeys } from "../subscribers/queries";
import type { EnterpriseServices, ForwardingAnswer } from "../subscribers/types";
import { DetailedForwardingForm } from "./detailed-form";
import { SimpleForwardingForm } from "./simple-form";

export interface ForwardingTabProps {
  enterpriseId: string;
  subscriberId: string;
  inExtensionGroup: boolean;
  services: EnterpriseServices | undefined;
}

export function ForwardingTab(props: ForwardingTabProps) {
  const tx = useText();
  const forwarding = useQuery({
    queryKey: subscriberKeys.forwarding(props.enterpriseId, props.subscriberId),
    queryFn: () => fetchForwarding(props.enterpriseId, props.subscriberId),
  });
  if (forwarding.isPending) return <PageSpin />;
  if (forwarding.isError) {
    if (forwarding.error instanceof ApiError && forwarding.error.code === "8115") {
      return <Alert type="info" showIcon title={tx("detail.noForwarding")} />;
    }
    return <ErrorAlert error={forwarding.error} />;
  }
  return <ForwardingViews {...props} latest={forwarding.data} />;
}

function ForwardingViews(props: ForwardingTabProps & { latest: ForwardingAnswer }) {
  const tx = useText();
  const [search, setSearch] = useSearchParams();
  const view: ForwardingView = search.get("view") === "simple" ? "simple" : "detailed";
  const edit = useEditBase(props.latest);
  const showView = (next: ForwardingView) =>
    setSearch(
      (current) => {
        const params = new URLSearchParams(current);
        params.set("tab", "forwarding");
        params.set("view", next);
        return params;
      },
      { replace: true },
    );

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={12}>
        <Typography.Text id="forwarding-view-label">{tx("forwarding.view")}</Typography.Text>
        <Segmented<ForwardingView>
          aria-labelledby="forwarding-view-label"
          value={view}
          onChange={showView}
          options={[
            { value: "detailed", label: tx("forwarding.viewDetailed") },
            { value: "simple", label: tx("forwarding.viewSimple") },
          ]}
        />
      </Flex>
      {props.inExtensionGroup && <Alert type="info" showIcon title={tx("forwarding.prefixNote")} />}
      {view === "detailed" ? (
        <DetailedForwardingForm {...props} edit={edit} />
      ) : (
        // Keyed by the version: the form starts again from newly saved or reloaded settings.
        <SimpleForwardingForm key={edit.base.version} {...props} edit={edit} onDetailed={() => showView("detailed")} />
      )}
    </Flex>
  );
}
