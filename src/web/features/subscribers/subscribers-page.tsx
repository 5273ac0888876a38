// 加入者 / 電話番号一覧 (features.md §2; operators: 加入者検索): the search and, below its address,
// the detail of one number (照会と変更): /subscribers/demo001.
import { lazy, Suspense } from "react";
import { useParams } from "react-router";
import { PageSpin } from "../../app/page-spin";
import { SubscriberListPage } from "./subscriber-list";

// The detail carries the forwarding forms and the number rules: loaded when a number is opened.
const SubscriberDetailPage = lazy(() => import("./subscriber-detail").then((m) => ({ default: m.SubscriberDetailPage })));

export function SubscribersPage() {
  const subscriberId = useParams()["*"] ?? "";
  if (subscriberId === "") return <SubscriberListPage />;
  return (
    <Suspense fallback={<PageSpin />}>
      <SubscriberDetailPage key={subscriberId} subscriberId={subscriberId} />
    </Suspense>
  );
}
