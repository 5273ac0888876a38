// 一括登録 (features.md §13; M2 ch.10): templates, upload and the uploads; at `?upload=12` the review
// of one upload and its 即時投入. Operators choose the enterprise first (企業選択).
import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { useSearchParams } from "react-router";
import { useEnterpriseScope } from "../../app/enterprise-scope";
import { useImportTexts } from "./i18n";
import { ImportList } from "./import-list";
import { ImportPreview } from "./import-preview";

export function ImportsPage() {
  const text = useImportTexts();
  const scope = useEnterpriseScope();
  const [searchParams, setSearchParams] = useSearchParams();
  const raw = searchParams.get("upload");
  const importId = raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined;
  const enterpriseId = scope.enterpriseId;
  const params = (id: number) => scope.params({ upload: String(id) });
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {text("heading")}
      </Typography.Title>
      {scope.chooser}
      {scope.prompt}
      {enterpriseId !== undefined &&
        (importId !== undefined ? (
          <>
            <div>
              <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} style={{ paddingInline: 0 }} onClick={() => setSearchParams(scope.params())}>
                {text("preview.back")}
              </Button>
            </div>
            <ImportPreview key={importId} enterpriseId={enterpriseId} importId={importId} />
          </>
        ) : (
          <ImportList
            enterpriseId={enterpriseId}
            hrefOf={(id) => `?${new URLSearchParams(params(id)).toString()}`}
            open={(id) => setSearchParams(params(id))}
          />
        ))}
    </Flex>
  );
}
