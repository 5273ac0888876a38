// Terminal controls (features.md §9): authentication with one-time release, CallKit, and whether a device may set up.
import { DomainError } from "../errors.ts";
import type { Terminal } from "../subscriber/subscriber.ts";

export interface TerminalPatch {
  authentication?: boolean | undefined;
  oneTimeRelease?: boolean | undefined;
  callKit?: boolean | undefined;
}

/** ワンタイム解除 only makes sense while terminal authentication is on; turning authentication off clears it. */
export function applyTerminalPatch(before: Terminal, patch: TerminalPatch): Terminal {
  const after: Terminal = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  if (!after.authentication) {
    if (patch.oneTimeRelease === true) {
      throw new DomainError("8009", {
        field: "oneTimeRelease",
        message: { ja: "ワンタイム解除は端末認証がONのときだけ設定できます。", en: "One-time release needs terminal authentication on." },
      });
    }
    after.oneTimeRelease = false;
  }
  return after;
}

export type SetupVerdict =
  | { readonly allowed: true; readonly terminal: Terminal; readonly reason: "first" | "same" | "unlocked" | "oneTimeRelease" }
  | { readonly allowed: false; readonly code: "8119" | "8120" };

/**
 * features.md §9: with authentication ON, once a device has set up no other device may; a one-time
 * release lets exactly one more setup happen and then locks again. An emergency-stopped number can't set up.
 */
export function decideSetup(terminal: Terminal, stopped: boolean, deviceId: string, at: string): SetupVerdict {
  if (stopped) return { allowed: false, code: "8119" };
  const bind = (t: Partial<Terminal>): Terminal => ({ ...terminal, ...t, boundDeviceId: deviceId, provisionedAt: at, wipePending: false });
  if (!terminal.authentication) return { allowed: true, terminal: bind({}), reason: "unlocked" };
  if (terminal.boundDeviceId === null) return { allowed: true, terminal: bind({}), reason: "first" };
  if (terminal.boundDeviceId === deviceId) return { allowed: true, terminal: bind({}), reason: "same" };
  if (terminal.oneTimeRelease) return { allowed: true, terminal: bind({ oneTimeRelease: false }), reason: "oneTimeRelease" };
  return { allowed: false, code: "8120" };
}

export function checkDeviceId(deviceId: string): string {
  if (deviceId === "") throw new DomainError("8008", { field: "deviceId" });
  if (!/^[\x21-\x7e]{1,128}$/.test(deviceId)) throw new DomainError("8009", { field: "deviceId" });
  return deviceId;
}
