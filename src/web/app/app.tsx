// The app's providers: antd (ja_JP / en_US), TanStack Query, the session and the router.
import { LoadingOutlined } from "@ant-design/icons";
import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, Button, ConfigProvider, Result } from "antd";
import enUS from "antd/es/locale/en_US";
import jaJP from "antd/es/locale/ja_JP";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { BrowserRouter } from "react-router";
import { useErrorText } from "./error-text";
import { PageSpin } from "./page-spin";
import { queryClient } from "./query-client";
import { AppRoutes } from "./router";
import { SessionProvider, useSessionQuery } from "./session";

/** Waits for the start-up session check before any route decides where to go. */
function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const session = useSessionQuery();
  if (session.isPending) return <PageSpin />;
  if (session.isError) {
    return (
      <Result
        status="error"
        title={t("error.title")}
        subTitle={errorText(session.error)}
        extra={
          <Button type="primary" onClick={() => void session.refetch()}>
            {t("common.retry")}
          </Button>
        }
      />
    );
  }
  return children;
}

const buttonConfig = {
  // No space inserted between two CJK characters of a button (保存, not 保 存).
  autoInsertSpace: false,
  // The spinner is decoration: a busy button keeps its name (保存, not "loading 保存"), and
  // no collapsing animation is left behind once the request has finished.
  loadingIcon: <LoadingOutlined aria-hidden />,
};

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.resolvedLanguage === "en" ? enUS : jaJP} button={buttonConfig}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <SessionGate>
              <BrowserRouter>
                <AppRoutes />
              </BrowserRouter>
            </SessionGate>
          </SessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
