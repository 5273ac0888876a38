// The subscriber (one phone number of an enterprise): identity and the default settings a new number gets.
import type { NumberKind } from "../phone-number.ts";
import { checkIdentifier, checkText } from "../text.ts";

export function checkSubscriberId(id: string, field = "id"): string {
  return checkIdentifier(id, field);
}

export function checkDisplayName(name: string, field = "displayName"): string {
  return checkText(name, { field, max: 64 });
}

export interface CallSettings {
  anonymousRejection: boolean;
  withholdCallerId: boolean;
  internationalBlock: boolean;
  externalBlock: boolean;
}

export const defaultCallSettings: Readonly<CallSettings> = Object.freeze({
  anonymousRejection: false,
  withholdCallerId: false,
  internationalBlock: false,
  externalBlock: false,
});

export type VoicemailCondition = "all" | "noAnswer" | "busy" | "busyOrNoAnswer";

export interface Forwarding {
  unconditional: { enabled: boolean; destination: string };
  busy: { enabled: boolean; destination: string };
  noAnswer: { enabled: boolean; destination: string; timerSec: number };
  schedule: { enabled: boolean; scheduleId: number | null };
  voicemail: { enabled: boolean; condition: VoicemailCondition; ringSec: number };
}

/** A copy to change: the settings' five parts, each copied (cheaper than structuredClone, which bulk changes feel). */
export function copyForwarding(f: Readonly<Forwarding>): Forwarding {
  return {
    unconditional: { ...f.unconditional },
    busy: { ...f.busy },
    noAnswer: { ...f.noAnswer },
    schedule: { ...f.schedule },
    voicemail: { ...f.voicemail },
  };
}

/** Whether two settings say the same, field by field (comparing their JSON texts cost a bulk change of 20,000 numbers 150 ms). */
export function sameForwarding(a: Readonly<Forwarding>, b: Readonly<Forwarding>): boolean {
  return (
    a.unconditional.enabled === b.unconditional.enabled &&
    a.unconditional.destination === b.unconditional.destination &&
    a.busy.enabled === b.busy.enabled &&
    a.busy.destination === b.busy.destination &&
    a.noAnswer.enabled === b.noAnswer.enabled &&
    a.noAnswer.destination === b.noAnswer.destination &&
    a.noAnswer.timerSec === b.noAnswer.timerSec &&
    a.schedule.enabled === b.schedule.enabled &&
    a.schedule.scheduleId === b.schedule.scheduleId &&
    a.voicemail.enabled === b.voicemail.enabled &&
    a.voicemail.condition === b.voicemail.condition &&
    a.voicemail.ringSec === b.voicemail.ringSec
  );
}

/** features.md §4: the no-answer timer defaults to 20 s. */
export const defaultForwarding: Readonly<Forwarding> = Object.freeze<Forwarding>({
  unconditional: { enabled: false, destination: "" },
  busy: { enabled: false, destination: "" },
  noAnswer: { enabled: false, destination: "", timerSec: 20 },
  schedule: { enabled: false, scheduleId: null },
  voicemail: { enabled: false, condition: "noAnswer", ringSec: 20 },
});

export interface Terminal {
  authentication: boolean;
  oneTimeRelease: boolean;
  callKit: boolean;
  /** The device that completed setup last (the one terminal authentication locks the number to). */
  boundDeviceId: string | null;
  provisionedAt?: string | null;
  /** Digest HA1 of the SIP password given at the last setup (what a SIP registrar checks). */
  sipHa1?: string | null;
  /** App data the server keeps for the number (バックアップデータ). */
  backup?: { sizeBytes: number; updatedAt: string } | null;
  /** Set by emergency stop: the app wipes its data at its next contact. */
  wipePending?: boolean;
  initializedAt?: string | null;
}

export const defaultTerminal: Readonly<Terminal> = Object.freeze({
  authentication: false,
  oneTimeRelease: false,
  callKit: false,
  boundDeviceId: null,
});


/** A subscriber as the use cases see it; secrets are only ever known as set or not. */
export interface Subscriber {
  id: string;
  enterpriseId: string;
  number: string;
  numberKind: NumberKind;
  displayName: string;
  info: string;
  memo: string;
  hasProvisioningPassword: boolean;
  hasPassword: boolean;
  originNumbers: [string, string];
  notifyNumber: string;
  callSettings: CallSettings;
  forwarding: Forwarding;
  terminal: Terminal;
  emergencyStopped: boolean;
  extensionGroupId: number | null;
  extension: string;
  pickupGroupId: number | null;
  huntGroupId: number | null;
  huntOrder: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * What a forwarding change reads of a number: whose it is, where it stands and how it forwards. A bulk
 * change of 20,000 numbers reads only this, not their call settings and terminals.
 */
export type ForwardingSubject = Pick<Subscriber, "id" | "enterpriseId" | "number" | "extensionGroupId" | "forwarding" | "version">;
