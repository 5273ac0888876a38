// The 日本語 / English switch of the header and the login page.
import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { changeLanguage, currentLanguage, type Language } from "../i18n";

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t("language.label")}
      value={currentLanguage()}
      options={[
        { label: <span lang="ja">{t("language.ja")}</span>, value: "ja" },
        { label: <span lang="en">{t("language.en")}</span>, value: "en" },
      ]}
      onChange={(language) => void changeLanguage(language)}
    />
  );
}
