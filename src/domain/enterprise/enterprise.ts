// The enterprise (tenant): its ID, name, line IDs, time zone and service plan (product.md §Service plan).
import { DomainError } from "../errors.ts";
import { checkIdentifier, checkText } from "../text.ts";

export interface Services {
  forwarding: boolean;
  scheduleForwarding: boolean;
  voicemail: boolean;
  dynamicNumber: boolean;
  app: boolean;
}

export interface SelfService {
  anonymousRejection: boolean;
  withholdCallerId: boolean;
  internationalBlock: boolean;
  externalBlock: boolean;
}

/** product.md: every service on, every self-service flag true except withholdCallerId. */
/** An enterprise (tenant) as the use cases see it. */
export interface Enterprise {
  id: string;
  name: string;
  lineId1: string;
  lineId2: string;
  timeZone: string;
  services: Services;
  selfService: SelfService;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const defaultServices: Readonly<Services> = Object.freeze({
  forwarding: true,
  scheduleForwarding: true,
  voicemail: true,
  dynamicNumber: true,
  app: true,
});

export const defaultSelfService: Readonly<SelfService> = Object.freeze({
  anonymousRejection: true,
  withholdCallerId: false,
  internationalBlock: true,
  externalBlock: true,
});

export const defaultTimeZone = "Asia/Tokyo";

export function checkEnterpriseId(id: string): string {
  return checkIdentifier(id, "id");
}

export function checkEnterpriseName(name: string): string {
  return checkText(name, { field: "name", max: 64, required: true });
}

export function checkLineId(value: string, field: string): string {
  if (value !== "" && !/^[A-Za-z0-9_-]{1,32}$/.test(value)) throw new DomainError("8009", { field });
  return value;
}

const timeZones = new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);

export function checkTimeZone(timeZone: string): string {
  if (!timeZones.has(timeZone)) throw new DomainError("8009", { field: "timeZone" });
  return timeZone;
}

export const bulletinMaxLength = 2000;

/** The bulletin is plain text: no markup is interpreted anywhere, so only length and control characters matter. */
export function checkBulletin(text: string): string {
  return checkText(text, { field: "text", max: bulletinMaxLength, multiline: true });
}
