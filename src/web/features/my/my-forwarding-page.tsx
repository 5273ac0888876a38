// 留守番電話/転送設定 of the end user (features.md §16; M2 ch.13): the かんたん view of the forwarding
// screens for the own number — オフ | 留守番電話 | 転送, the condition, the destination, 呼び出し秒数.
// Settings the simple view can't express open in the detailed view instead of being overwritten.
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Flex } from "antd";
import { useState } from "react";
import { ApiError } from "../../api/client";
import { ErrorAlert } from "../../app/error-alert";
import { PageSpin } from "../../app/page-spin";
import { useAccount } from "../../app/session";
import { DetailedForwardingForm } from "../forwarding/detailed-form";
import { SimpleForwardingForm } from "../forwarding/simple-form";
import { useEditBase, VersionChainProvider } from "../subscribers/edit-base";
import { useText } from "../subscribers/i18n";
import { fetchForwarding, subscriberKeys } from "../subscribers/queries";
import type { ForwardingAnswer } from "../subscribers/types";
import { useMyTexts } from "./i18n";
import { OwnNumberPage, type OwnNumber } from "./own-number";

function Forwarding({ enterpriseId, subscriberId, detail }: OwnNumber) {
  const text = useMyTexts();
  const forwarding = useQuery({
    queryKey: subscriberKeys.forwarding(enterpriseId, subscriberId),
    queryFn: () => fetchForwarding(enterpriseId, subscriberId),
  });
  if (forwarding.isPending) return <PageSpin />;
  if (forwarding.isError) {
    if (forwarding.error instanceof ApiError && forwarding.error.code === "8115") return <Alert type="info" showIcon title={text("forwarding.noForwarding")} />;
    return <ErrorAlert error={forwarding.error} />;
  }
  return (
    <VersionChainProvider>
      <ForwardingViews enterpriseId={enterpriseId} subscriberId={subscriberId} inExtensionGroup={detail.extensionGroup !== null} latest={forwarding.data} />
    </VersionChainProvider>
  );
}

function ForwardingViews({ enterpriseId, subscriberId, inExtensionGroup, latest }: { enterpriseId: string; subscriberId: string; inExtensionGroup: boolean; latest: ForwardingAnswer }) {
  const text = useMyTexts();
  const tx = useText();
  const account = useAccount();
  const edit = useEditBase(latest);
  const [detailed, setDetailed] = useState(false);
  const props = { enterpriseId, subscriberId, inExtensionGroup, services: account.services, edit };
  return (
    <Flex vertical gap={16}>
      {inExtensionGroup && <Alert type="info" showIcon title={tx("forwarding.prefixNote")} />}
      {detailed ? (
        <>
          <div>
            <Button onClick={() => setDetailed(false)}>{text("forwarding.backToSimple")}</Button>
          </div>
          <DetailedForwardingForm {...props} />
        </>
      ) : (
        <SimpleForwardingForm key={edit.base.version} {...props} onDetailed={() => setDetailed(true)} />
      )}
    </Flex>
  );
}

export function MyForwardingPage() {
  const text = useMyTexts();
  return <OwnNumberPage title={text("forwarding.title")}>{(own) => <Forwarding {...own} />}</OwnNumberPage>;
}
