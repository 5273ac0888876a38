// The loading indicator of a page (chunk loading, first answer pending).
import { Flex, Spin } from "antd";
import { useTranslation } from "react-i18next";

export function PageSpin() {
  const { t } = useTranslation();
  return (
    <Flex justify="center" align="center" style={{ minHeight: 240 }} role="status" aria-label={t("app.loading")}>
      <Spin size="large" />
    </Flex>
  );
}
