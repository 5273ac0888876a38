// `centrex route`: the call plan for a call, numbered, with the rule behind each step, in Japanese or English.
import { parseArgs } from "node:util";
import type { Decision } from "../domain/routing/types.ts";
import type { Services } from "../services/index.ts";

export const routeUsage = `centrex route --to NUMBER [--from NUMBER|anonymous] [--caller SUBSCRIBER_ID] [--at ISO-TIME]
              [--busy ID,ID] [--unregistered ID,ID] [--seed N] [--lang ja|en] [--json]
  inbound by default (a call to --to); with --caller, the subscriber dials --to (outbound).`;

export interface RouteArgs {
  to: string;
  from: string;
  caller: string | undefined;
  at: string | undefined;
  busy: string[];
  unregistered: string[];
  seed: number | undefined;
  lang: "ja" | "en";
  json: boolean;
}

export function parseRouteArgs(args: readonly string[]): RouteArgs | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        to: { type: "string" },
        from: { type: "string" },
        caller: { type: "string" },
        at: { type: "string" },
        busy: { type: "string" },
        unregistered: { type: "string" },
        seed: { type: "string" },
        lang: { type: "string" },
        json: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (values.to === undefined) return "--to is required";
  const list = (v: string | undefined) => (v === undefined || v === "" ? [] : v.split(",").map((s) => s.trim()));
  const lang = values.lang ?? "ja";
  if (lang !== "ja" && lang !== "en") return "--lang is ja or en";
  if (values.seed !== undefined && !/^-?\d+$/.test(values.seed)) return "--seed is a whole number";
  return {
    to: values.to,
    from: values.from ?? "anonymous",
    caller: values.caller,
    at: values.at,
    busy: list(values.busy),
    unregistered: list(values.unregistered),
    seed: values.seed === undefined ? undefined : Number(values.seed),
    lang,
    json: values.json ?? false,
  };
}

/** The plan as numbered steps in plain words, each with the rule that caused it. */
export function formatDecision(decision: Decision, lang: "ja" | "en"): string {
  const lines: string[] = [];
  const explained = new Set<number>();
  decision.plan.steps.forEach((step, i) => {
    const n = i + 1;
    const notes = decision.explain.filter((e) => e.step === n);
    notes.forEach(() => explained.add(n));
    const text = notes.map((e) => (lang === "ja" ? e.detail : e.detailEn)).join(" / ") || JSON.stringify(step);
    lines.push(`${n}. ${text}  [${notes.map((e) => e.rule).join(", ") || step.kind}]`);
  });
  const context = decision.explain.filter((e) => e.step === undefined);
  if (context.length > 0) {
    lines.push(lang === "ja" ? "理由:" : "Why:");
    for (const e of context) lines.push(`  - ${lang === "ja" ? e.detail : e.detailEn}  [${e.rule}]`);
  }
  if (decision.plan.presentation !== undefined) {
    lines.push(`${lang === "ja" ? "番号通知" : "Caller ID"}: ${decision.plan.presentation}${decision.plan.presentedNumber === undefined ? "" : ` (${decision.plan.presentedNumber})`}`);
  }
  return lines.join("\n");
}

export async function routeCommand(services: Services, args: RouteArgs): Promise<string> {
  const decision = await services.routing.decide(
    { principal: { role: "operator", loginId: "cli" }, ip: "127.0.0.1" },
    {
      call:
        args.caller === undefined
          ? { direction: "inbound", from: args.from, dialed: args.to, at: args.at }
          : { direction: "outbound", from: args.from, caller: args.caller, dialed: args.to, at: args.at },
      state: { busy: args.busy, unregistered: args.unregistered, ...(args.seed === undefined ? {} : { seed: args.seed }) },
    },
  );
  return args.json ? JSON.stringify({ plan: decision.plan, explain: decision.explain }, null, 2) : formatDecision(decision, args.lang);
}
