// What every use case is given: who acts, from where, and when.
import type { Principal } from "../domain/roles.ts";

export interface ActionContext {
  readonly principal: Principal;
  /** The client address, for the audit trail. */
  readonly ip: string;
}

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
