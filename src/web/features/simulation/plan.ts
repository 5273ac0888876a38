// The call plan as the screen lists it (routing.md §What the what-if screen shows): each step
// with the explanations of that step, and the explanations that belong to no step shown as
// the reasons before the steps. A schedule rule in force is noted without a step; it is shown
// at the step it caused (the step whose explanation links to the same schedule row).
import type { Explanation, RouteAnswer, SettingLink, Step } from "./types";

export interface StepView {
  /** 1-based, as `Explanation.step`. */
  readonly number: number;
  readonly step: Step;
  /** The explanation the engine wrote for this step: its sentence. */
  readonly own: Explanation | undefined;
  /** The rules behind the step: schedule rows in force, further notes of the step. */
  readonly reasons: readonly Explanation[];
  /** Where the rules of the step are set, each once. */
  readonly links: readonly SettingLink[];
}

export interface PlanView {
  /** Explanations of no step: the circumstances the steps follow from. */
  readonly premises: readonly Explanation[];
  readonly steps: readonly StepView[];
}

export function sameLink(a: SettingLink | undefined, b: SettingLink | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return linkKey(a) === linkKey(b);
}

export function linkKey(link: SettingLink): string {
  return [link.kind, link.subscriberId, link.section, link.scheduleId, link.row, link.huntGroupId, link.extensionGroupId, link.pickupGroupId].join("|");
}

export function arrangePlan(answer: RouteAnswer): PlanView {
  const { steps } = answer.plan;
  const ofStep = new Map<number, Explanation[]>();
  for (const entry of answer.explain) {
    if (entry.step === undefined) continue;
    const list = ofStep.get(entry.step) ?? [];
    list.push(entry);
    ofStep.set(entry.step, list);
  }
  const attached = new Map<number, Explanation[]>();
  const premises: Explanation[] = [];
  for (const entry of answer.explain) {
    if (entry.step !== undefined) continue;
    const target =
      entry.link?.kind === "schedule"
        ? steps.findIndex((_, i) => (ofStep.get(i + 1) ?? []).some((own) => sameLink(own.link, entry.link))) + 1
        : 0;
    if (target > 0) attached.set(target, [...(attached.get(target) ?? []), entry]);
    else premises.push(entry);
  }
  return {
    premises,
    steps: steps.map((step, i) => {
      const number = i + 1;
      const [own, ...more] = ofStep.get(number) ?? [];
      const reasons = [...(attached.get(number) ?? []), ...more];
      const links: SettingLink[] = [];
      for (const entry of [...reasons, ...(own ? [own] : [])]) {
        if (entry.link && !links.some((link) => sameLink(link, entry.link))) links.push(entry.link);
      }
      return { number, step, own, reasons, links };
    }),
  };
}

/** What finally happens to the call: the last step decides (a ring that is the last step connects). */
export type Outcome = "connect" | "forward" | "reject" | "feature" | "pickup" | "none";

export function outcomeOf(steps: readonly Step[]): Outcome {
  const last = steps.at(-1);
  if (last === undefined) return "none";
  switch (last.kind) {
    case "ring":
      return "connect";
    case "forward":
      return "forward";
    case "reject":
      return "reject";
    case "feature":
      return last.result === "ok" ? "feature" : "reject";
    case "pickup":
      return "pickup";
  }
}
