// The name and service plan of the enterprise a subscriber screen works on: from the session for
// its own accounts, read from the enterprise for operators. Unknown (undefined) while loading:
// nothing is hidden then, and the server still answers 8115 / 8116.
import { useEnterpriseInfo } from "../../app/enterprise-scope";
import { useAccount } from "../../app/session";
import type { CallSettingKey, EnterpriseServices } from "./types";

export interface EnterprisePlan {
  name: string | undefined;
  services: EnterpriseServices | undefined;
  selfService: Record<CallSettingKey, boolean> | undefined;
}

export function useEnterprisePlan(enterpriseId: string | undefined): EnterprisePlan {
  const account = useAccount();
  const operator = account.role === "operator";
  const enterprise = useEnterpriseInfo(operator ? enterpriseId : undefined);
  if (!operator) return { name: account.enterpriseName, services: account.services, selfService: account.selfService };
  return { name: enterprise.data?.name, services: enterprise.data?.services, selfService: enterprise.data?.selfService };
}
