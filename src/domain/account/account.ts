// Login accounts (ログインアカウント, features.md §7): role and group, memo, the built-in Administrator, the last enterprise admin.
import { DomainError } from "../errors.ts";
import { checkText } from "../text.ts";

export type AccountRole = "enterpriseAdmin" | "groupAdmin";

export const accountMemoMaxLength = 256;

export function checkAccountMemo(memo: string, field = "memo"): string {
  return checkText(memo, { field, max: accountMemoMaxLength });
}

/**
 * A group admin manages one admin group, so it needs one (8008); an enterprise admin manages the
 * whole enterprise and has none (a group given anyway is refused, 8009, rather than silently dropped).
 */
export function checkAccountGroup(role: AccountRole, adminGroupId: number | null | undefined, field = "adminGroupId"): number | null {
  switch (role) {
    case "groupAdmin":
      if (adminGroupId === null || adminGroupId === undefined) throw new DomainError("8008", { field });
      return adminGroupId;
    case "enterpriseAdmin":
      if (adminGroupId !== null && adminGroupId !== undefined) throw new DomainError("8009", { field, details: { reason: "enterpriseAdminHasNoGroup" } });
      return null;
  }
}

/** product.md §Roles: the built-in `Administrator` can't be renamed (8104). */
export function checkRenamable(account: { builtIn: boolean }): void {
  if (account.builtIn) throw new DomainError("8104", { field: "loginId" });
}

/**
 * product.md §Roles: the built-in `Administrator` can't be deleted (8104), and neither can the last
 * enterprise admin of an enterprise (8122), or nobody could manage its accounts any more (features.md §7).
 */
export function checkRemovable(account: { role: AccountRole; builtIn: boolean }, enterpriseAdminCount: number): void {
  if (account.builtIn) throw new DomainError("8104");
  if (account.role === "enterpriseAdmin" && enterpriseAdminCount <= 1) {
    throw new DomainError("8122", {
      details: { reason: "lastEnterpriseAdmin" },
      message: {
        ja: "最後の企業管理者アカウントは削除できません。",
        en: "The last enterprise administrator account can't be deleted.",
      },
    });
  }
}
