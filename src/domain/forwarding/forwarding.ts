// Forwarding and voicemail of a number (features.md §4): the detailed view, its checks, and the simple view.
import { DomainError } from "../errors.ts";
import { copyForwarding, type Forwarding, type VoicemailCondition } from "../subscriber/subscriber.ts";
import { checkDestination, destinationDigits, type DestinationContext } from "./destination-policy.ts";

export const timerRange = { min: 1, max: 180 } as const;

export function checkTimer(value: number, field: string): number {
  if (!Number.isInteger(value) || value < timerRange.min || value > timerRange.max) throw new DomainError("8103", { field });
  return value;
}

type ForwardType = "unconditional" | "busy" | "noAnswer";
export const forwardTypes: readonly ForwardType[] = ["unconditional", "busy", "noAnswer"];

/**
 * Validates a whole forwarding setting and returns it with destinations normalised.
 * An enabled type needs a destination (8008); a destination kept while disabled is still checked.
 */
export function checkForwarding(f: Forwarding, context: DestinationContext): Forwarding {
  const out: Forwarding = copyForwarding(f);
  for (const type of forwardTypes) {
    const part = out[type];
    if (part.destination === "") {
      if (part.enabled) throw new DomainError("8008", { field: `${type}.destination` });
      continue;
    }
    part.destination = destinationDigits(checkDestination(part.destination, `${type}.destination`, context));
  }
  checkTimer(out.noAnswer.timerSec, "noAnswer.timerSec");
  checkTimer(out.voicemail.ringSec, "voicemail.ringSec");
  if (out.schedule.enabled && out.schedule.scheduleId === null) throw new DomainError("8008", { field: "schedule.scheduleId" });
  return out;
}

/** The simple view (M2): one choice of off / voicemail / forward, a condition, a destination, seconds. */
export type SimpleMode = "off" | "voicemail" | "forward";
export interface SimpleView {
  mode: SimpleMode;
  condition: VoicemailCondition;
  destination: string;
  ringSec: number;
}

/** The stored settings as the simple view, or undefined when it can't express them (the UI links to the detailed view). */
export function toSimpleView(f: Forwarding): SimpleView | undefined {
  const on = forwardTypes.filter((t) => f[t].enabled);
  if (on.length === 0) {
    if (!f.voicemail.enabled) return { mode: "off", condition: "noAnswer", destination: "", ringSec: f.noAnswer.timerSec };
    return { mode: "voicemail", condition: f.voicemail.condition, destination: "", ringSec: f.voicemail.ringSec };
  }
  if (f.voicemail.enabled) return undefined;
  const key = on.join(",");
  if (key === "unconditional") return { mode: "forward", condition: "all", destination: f.unconditional.destination, ringSec: f.noAnswer.timerSec };
  if (key === "busy") return { mode: "forward", condition: "busy", destination: f.busy.destination, ringSec: f.noAnswer.timerSec };
  if (key === "noAnswer") return { mode: "forward", condition: "noAnswer", destination: f.noAnswer.destination, ringSec: f.noAnswer.timerSec };
  if (key === "busy,noAnswer" && f.busy.destination === f.noAnswer.destination) {
    return { mode: "forward", condition: "busyOrNoAnswer", destination: f.busy.destination, ringSec: f.noAnswer.timerSec };
  }
  return undefined;
}

/** Applies a simple-view choice to stored settings; the schedule part is kept as it is. */
export function fromSimpleView(current: Forwarding, view: SimpleView): Forwarding {
  const next: Forwarding = copyForwarding(current);
  next.unconditional.enabled = false;
  next.busy.enabled = false;
  next.noAnswer.enabled = false;
  next.voicemail.enabled = false;
  switch (view.mode) {
    case "off":
      break;
    case "voicemail":
      next.voicemail = { enabled: true, condition: view.condition, ringSec: view.ringSec };
      break;
    case "forward": {
      const set = (t: ForwardType) => {
        next[t].enabled = true;
        next[t].destination = view.destination;
      };
      if (view.condition === "all") set("unconditional");
      if (view.condition === "busy" || view.condition === "busyOrNoAnswer") set("busy");
      if (view.condition === "noAnswer" || view.condition === "busyOrNoAnswer") {
        set("noAnswer");
        next.noAnswer.timerSec = view.ringSec;
      }
      break;
    }
  }
  return next;
}
