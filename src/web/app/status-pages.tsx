// Pages for screens a user can't open: not found, not allowed, not available yet (準備中).
import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useErrorText } from "./error-text";

function BackToTop() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => void navigate("/top")}>
      {t("notFound.back")}
    </Button>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <Result status="404" title={t("notFound.title")} subTitle={t("notFound.body")} extra={<BackToTop />} />;
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <Result status="403" title={t("forbidden.title")} subTitle={t("forbidden.body")} extra={<BackToTop />} />;
}

export function ComingSoonPage() {
  const { t } = useTranslation();
  return <Result status="info" title={t("menu.comingSoon")} subTitle={t("menu.comingSoonTip")} extra={<BackToTop />} />;
}

/** Shown when a page fails to render, e.g. a page chunk that could not be loaded. */
export function RenderErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <Result
      status="error"
      title={t("error.title")}
      subTitle={errorText(error)}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t("common.retry")}
        </Button>
      }
    />
  );
}
