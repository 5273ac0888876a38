// トップ (features.md §1, §16): the enterprise bulletin and the operator's notices; operators
// get a way to their notices management instead of a bulletin.
import { Button, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useAccount } from "../../app/session";
import { BulletinCard } from "./bulletin-card";
import { NoticesCard } from "./notices-card";

export function TopPage() {
  const { t } = useTranslation();
  const account = useAccount();
  const navigate = useNavigate();
  const operator = account.role === "operator";

  return (
    <Flex vertical gap={24} style={{ maxWidth: 960 }}>
      <div>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t("top.heading")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("top.welcome")}</Typography.Text>
      </div>
      {!operator && account.enterpriseId && (
        <BulletinCard enterpriseId={account.enterpriseId} editable={account.role === "enterpriseAdmin"} />
      )}
      <NoticesCard
        extra={
          operator ? (
            <Button type="link" onClick={() => void navigate("/notices")}>
              {t("top.manageNotices")}
            </Button>
          ) : undefined
        }
      />
    </Flex>
  );
}
