// Who is acting: the roles of product.md and the principal a request runs as.

export type Role = "operator" | "enterpriseAdmin" | "groupAdmin" | "subscriber";
/** An API token may also be the SIP proxy's: it routes calls and provisions devices, nothing else. */
export type TokenRole = "operator" | "enterpriseAdmin" | "sipProxy";

export interface Principal {
  readonly role: Role | "sipProxy";
  /** operator login ID, account login ID, subscriber ID, or the token's name. */
  readonly loginId: string;
  readonly enterpriseId?: string | undefined;
  readonly accountId?: number | undefined;
  readonly adminGroupIds?: readonly number[] | undefined;
  readonly subscriberId?: string | undefined;
  /** Set when the request is authenticated by an API token rather than a session. */
  readonly tokenId?: number | undefined;
}

export const roles: readonly Role[] = ["operator", "enterpriseAdmin", "groupAdmin", "subscriber"];
