// The portal frame after login: header (service, who is logged in, language, password,
// logout), the role's side menu, and the page.
import { KeyOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Button, Flex, Layout, Menu, Tag, Tooltip, Typography, type MenuProps } from "antd";
import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation, useNavigate } from "react-router";
import type { Account } from "../api/types";
import { PageErrorBoundary } from "./error-boundary";
import { LanguageSwitch } from "./language-switch";
import { isAvailable, menuOf, screens } from "./menu";
import { PageSpin } from "./page-spin";
import { useAccount, useSession } from "./session";

type MenuItem = Required<MenuProps>["items"][number];

function useMenuItems(account: Account): MenuItem[] {
  const { t } = useTranslation();
  return menuOf(account.role, account.services).map((section, index): MenuItem => {
    const items = section.entries.map((entry): MenuItem => {
      const { path } = screens[entry.screen];
      const label = t(`menu.${entry.label}`);
      if (isAvailable(entry.screen)) return { key: path, label };
      return {
        key: path,
        disabled: true,
        label: (
          <Tooltip title={t("menu.comingSoonTip")} placement="right">
            <Flex justify="space-between" align="center" gap={8}>
              <span>{label}</span>
              <Tag variant="filled">{t("menu.comingSoon")}</Tag>
            </Flex>
          </Tooltip>
        ),
      };
    });
    if (!section.title) return { type: "group", key: `section-${index}`, children: items };
    return { type: "group", key: `section-${section.title}`, label: t(`menu.sections.${section.title}`), children: items };
  });
}

/** The label of the screen at `pathname`, for the document title. */
function useScreenLabel(account: Account, pathname: string): string | undefined {
  const { t } = useTranslation();
  for (const section of menuOf(account.role, account.services)) {
    const entry = section.entries.find((candidate) => screens[candidate.screen].path === pathname);
    if (entry) return t(`menu.${entry.screen}`);
  }
  return pathname === screens.password.path ? t("menu.password") : undefined;
}

function WhoAmI({ account }: { account: Account }) {
  const { t } = useTranslation();
  const enterprise = account.enterpriseId
    ? account.enterpriseName
      ? `${account.enterpriseName} (${account.enterpriseId})`
      : account.enterpriseId
    : undefined;
  return (
    <Flex vertical gap={0} aria-label={t("header.account")} role="group">
      {enterprise && (
        <Typography.Text style={{ color: "inherit" }}>
          {t("header.enterprise")}: {enterprise}
        </Typography.Text>
      )}
      <Typography.Text style={{ color: "inherit" }}>
        <UserOutlined aria-hidden /> {t(`role.${account.role}`)}: <strong>{account.loginId}</strong>
      </Typography.Text>
    </Flex>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const account = useAccount();
  const { logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [loggingOut, setLoggingOut] = useState(false);
  const items = useMenuItems(account);
  const screenLabel = useScreenLabel(account, location.pathname);

  // RequireSession then replaces the page with the login page.
  const onLogout = () => {
    setLoggingOut(true);
    void logout();
  };

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <title>{screenLabel ? `${screenLabel} | ${t("app.title")}` : t("app.title")}</title>
      <Layout.Header
        style={{
          display: "flex",
          alignItems: "center",
          justifyContent: "space-between",
          gap: 16,
          paddingInline: 24,
          height: "auto",
          minHeight: 64,
          lineHeight: 1.4,
          color: "#fff",
          flexWrap: "wrap",
        }}
      >
        <Flex align="baseline" gap={12}>
          <Typography.Title level={1} style={{ color: "#fff", margin: 0, fontSize: 22 }}>
            {t("app.name")}
          </Typography.Title>
          <Typography.Text style={{ color: "rgba(255,255,255,0.75)" }}>{t("app.subtitle")}</Typography.Text>
        </Flex>
        <Flex align="center" gap={16} wrap>
          <WhoAmI account={account} />
          <LanguageSwitch />
          <Button icon={<KeyOutlined aria-hidden />} onClick={() => void navigate("/password")}>
            {t("header.changePassword")}
          </Button>
          <Button icon={<LogoutOutlined aria-hidden />} loading={loggingOut} onClick={onLogout}>
            {t("header.logout")}
          </Button>
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={288} theme="light" breakpoint="lg" collapsedWidth={0}>
          <nav aria-label={t("header.menu")}>
            <Menu
              mode="inline"
              items={items}
              selectedKeys={[location.pathname]}
              onClick={({ key }) => void navigate(key)}
              style={{ borderInlineEnd: 0 }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            <PageErrorBoundary>
              <Suspense fallback={<PageSpin />}>
                <Outlet />
              </Suspense>
            </PageErrorBoundary>
          </main>
        </Layout.Content>
      </Layout>
      <Layout.Footer style={{ textAlign: "center" }}>{t("app.copyright")}</Layout.Footer>
    </Layout>
  );
}
