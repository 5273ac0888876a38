// 共通電話帳 (features.md §12; M2 ch.7 電話帳管理): the phonebook list and, at `?book=12`, one
// phonebook (entries and warnings, 名前変更, ファイル差し替え, メンバ設定). Operators choose the
// enterprise first (企業選択).
import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { useSearchParams } from "react-router";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { usePhonebookTexts } from "./i18n";
import { PhonebookView } from "./phonebook-detail";
import { PhonebookList } from "./phonebook-list";

export function PhonebooksPage() {
  const text = usePhonebookTexts();
  const scope = useEnterpriseScope();
  const [searchParams, setSearchParams] = useSearchParams();
  const raw = searchParams.get("book");
  const phonebookId = raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined;
  const enterpriseId = scope.enterpriseId;
  const params = (id: number) => scope.params({ book: String(id) });
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {text("heading")}
      </Typography.Title>
      {scope.chooser}
      {scope.prompt}
      {enterpriseId !== undefined &&
        (phonebookId !== undefined ? (
          <>
            <div>
              <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} style={{ paddingInline: 0 }} onClick={() => setSearchParams(scope.params())}>
                {text("detail.back")}
              </Button>
            </div>
            <PhonebookView key={phonebookId} enterpriseId={enterpriseId} phonebookId={phonebookId} />
          </>
        ) : (
          <PhonebookList enterpriseId={enterpriseId} hrefOf={(id) => `?${new URLSearchParams(params(id)).toString()}`} open={(id) => setSearchParams(params(id))} />
        ))}
    </Flex>
  );
}
