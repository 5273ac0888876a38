// The answer of a simulation: the outcome, the settings that apply (explanations of no step),
// then the plan as numbered steps, each with the rules behind it and where they are set.
import { Alert, Descriptions, Flex, Tag, Typography } from "antd";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { catalogue, isErrorCode } from "../../../domain/errors.ts";
import { useSimulationTexts } from "./i18n";
import { arrangePlan, linkKey, outcomeOf, type StepView } from "./plan";
import { useSettingPlace } from "./setting-links";
import type { Explanation, RouteAnswer, SettingLink, Step } from "./types";

type Text = ReturnType<typeof useSimulationTexts>;

const sipCodes = ["403", "404", "433", "480", "482", "484", "486"] as const;

export function sipMeaning(text: Text, sip: number): string {
  const key = String(sip);
  return (sipCodes as readonly string[]).includes(key) ? text(`sip.${key as (typeof sipCodes)[number]}`) : text("sip.other");
}

const ruleKeys = [
  "anonymousRejection", "withholdCallerId", "184", "186", "emergency", "emergencyStop", "extension", "externalPrefix",
  "incompleteExtension", "unknownExtension", "externalBlock", "internationalBlock", "onNet", "pstn", "dynamicNumber",
  "pickup", "pickupNone", "busy", "unregistered", "busyNoForward", "noAnswer", "ring", "scheduleForward", "cfu", "cfb",
  "cfna", "loop", "hopLimit", "huntGroup", "huntAllBusy", "huntNoMember", "huntNoAnswer", "unknownNumber", "unknownCaller",
  "invalidCall",
] as const;
type RuleKey = (typeof ruleKeys)[number];

/** The name of an engine rule ("scheduleRule#3", "cfu", "feature:1421", …) in the user's words. */
export function ruleName(text: Text, rule: string): string {
  const schedule = /^scheduleRule#(\d+)$/.exec(rule);
  if (schedule) return text("rules.scheduleRule", { n: schedule[1] ?? "" });
  if (rule.startsWith("feature:")) return text("rules.feature", { code: rule.slice("feature:".length) });
  if (rule.startsWith("voicemail:")) return text("rules.voicemail");
  if (rule.startsWith("skip:")) return text("rules.skip");
  return (ruleKeys as readonly string[]).includes(rule) ? text(`rules.${rule as RuleKey}`) : rule;
}

const actionKeys = ["cfu-on", "cfu-off", "cfb-on", "cfb-off", "cfna-on", "cfna-off"] as const;

function targetsText(step: Extract<Step, { kind: "ring" }>): string {
  return step.targets.map((target) => ("external" in target ? target.external : target.number)).join(", ");
}

/** The step in the user's words, from the step itself (used when the engine wrote no sentence for it). */
function stepSentence(text: Text, step: Step): string {
  switch (step.kind) {
    case "ring":
      if (step.timeoutSec === undefined) return text("step.ringNoTimeout", { targets: targetsText(step) });
      return text(step.parallel ? "step.ringParallel" : "step.ring", { targets: targetsText(step), sec: step.timeoutSec });
    case "forward":
      return step.to === "voicemail"
        ? text("step.voicemail", { reason: text(`reasons.${step.reason}`) })
        : text("step.forward", { to: step.to, reason: text(`reasons.${step.reason}`) });
    case "reject":
      return text("step.reject", { sip: step.sip, meaning: sipMeaning(text, step.sip) });
    case "feature": {
      const action = (actionKeys as readonly string[]).includes(step.action) ? text(`actions.${step.action as (typeof actionKeys)[number]}`) : step.action;
      return text(step.result === "ok" ? "step.featureOk" : "step.featureError", { action });
    }
    case "pickup":
      return text("step.pickup", { subscriber: step.subscriberId });
  }
}

const kindColours: Record<Step["kind"], string> = { ring: "green", forward: "blue", reject: "red", feature: "purple", pickup: "cyan" };

function KindTag({ step }: { step: Step }) {
  const text = useSimulationTexts();
  const label =
    step.kind === "reject"
      ? `${text("kinds.reject")} ${step.sip} ${sipMeaning(text, step.sip)}`
      : step.kind === "ring" && step.parallel
        ? text("kinds.ringParallel")
        : text(`kinds.${step.kind}`);
  return (
    <Tag color={kindColours[step.kind]} style={{ marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
}

function useDetail(): (entry: Explanation) => string {
  const { i18n } = useTranslation();
  const english = i18n.resolvedLanguage === "en";
  return useCallback((entry: Explanation) => (english ? entry.detailEn || entry.detail : entry.detail), [english]);
}

function useCatalogueText(): (code: string) => string {
  const text = useSimulationTexts();
  const { i18n } = useTranslation();
  const english = i18n.resolvedLanguage === "en";
  return (code: string) => {
    const entry = isErrorCode(code) ? catalogue[code] : undefined;
    return text("result.catalogue", { code, message: entry ? (english ? entry.en : entry.ja) : "" });
  };
}

function ReasonLine({ entry }: { entry: Explanation }) {
  const text = useSimulationTexts();
  const detail = useDetail();
  return (
    <li>
      <Tag>{ruleName(text, entry.rule)}</Tag>
      <Typography.Text>{detail(entry)}</Typography.Text>
    </li>
  );
}

function PlaceLinks({ links, place }: { links: readonly SettingLink[]; place: (link: SettingLink) => { href?: string; label: string } }) {
  const text = useSimulationTexts();
  if (links.length === 0) return null;
  return (
    <Flex gap={8} wrap align="baseline">
      <Typography.Text type="secondary">{text("result.setAt")}:</Typography.Text>
      {links.map((link) => {
        const target = place(link);
        return target.href ? (
          <Link key={linkKey(link)} to={target.href}>
            {target.label}
          </Link>
        ) : (
          <Typography.Text key={linkKey(link)}>{target.label}</Typography.Text>
        );
      })}
    </Flex>
  );
}

function StepItem({ view, place }: { view: StepView; place: (link: SettingLink) => { href?: string; label: string } }) {
  const text = useSimulationTexts();
  const detail = useDetail();
  const catalogueText = useCatalogueText();
  const { step } = view;
  const sentence = view.own ? detail(view.own) : stepSentence(text, step);
  const code = step.kind === "reject" || step.kind === "feature" ? step.code : undefined;
  return (
    <li style={{ marginBottom: 12 }}>
      <Flex vertical gap={4}>
        <Flex gap={8} align="baseline" wrap>
          <KindTag step={step} />
          <Typography.Text strong>{sentence}</Typography.Text>
        </Flex>
        {step.kind === "forward" && step.diversion.length > 1 && (
          <Typography.Text type="secondary">{text("step.diversion", { chain: step.diversion.join(" → ") })}</Typography.Text>
        )}
        {step.kind === "reject" && step.announcement && (
          <Typography.Text type="secondary">{text("step.announcement", { id: step.announcement })}</Typography.Text>
        )}
        {code && <Typography.Text type="danger">{catalogueText(code)}</Typography.Text>}
        {view.reasons.length > 0 && (
          <div>
            <Typography.Text type="secondary">{text("result.reasons")}:</Typography.Text>
            <ul style={{ margin: "4px 0 0", paddingInlineStart: 20 }}>
              {view.reasons.map((entry, i) => (
                <ReasonLine key={`${entry.rule}-${i}`} entry={entry} />
              ))}
            </ul>
          </div>
        )}
        <PlaceLinks links={view.links} place={place} />
      </Flex>
    </li>
  );
}

function outcomeText(text: Text, step: Step): string {
  switch (step.kind) {
    case "ring":
      return text("result.outcome.ring", { targets: targetsText(step) });
    case "forward":
      return step.to === "voicemail" ? text("result.outcome.voicemail") : text("result.outcome.forward", { to: step.to });
    case "reject":
      return text("result.outcome.reject", { sip: step.sip, meaning: sipMeaning(text, step.sip) });
    case "feature":
      return step.result === "ok" ? text("result.outcome.feature") : text("result.outcome.featureError");
    case "pickup":
      return text("result.outcome.pickup");
  }
}

/** What happens first and, when the plan goes on, how it ends. */
function OutcomeAlert({ answer }: { answer: RouteAnswer }) {
  const text = useSimulationTexts();
  const { steps } = answer.plan;
  const first = steps[0];
  const last = steps.at(-1);
  const outcome = outcomeOf(steps);
  const title =
    first === undefined || last === undefined
      ? text("result.outcome.none")
      : steps.length === 1
        ? text("result.outcome.single", { what: outcomeText(text, first) })
        : text("result.outcome.several", { first: outcomeText(text, first), last: outcomeText(text, last) });
  const type = outcome === "reject" ? "warning" : outcome === "forward" ? "info" : "success";
  return <Alert type={type} showIcon title={title} />;
}

export function PlanView({ answer, enterpriseId, when }: { answer: RouteAnswer; enterpriseId: string; when: string }) {
  const text = useSimulationTexts();
  const view = arrangePlan(answer);
  // Numbers of the subscribers the plan names, for the labels of the links.
  const numbers = new Map<string, string>();
  for (const step of answer.plan.steps) {
    if (step.kind === "ring") for (const target of step.targets) if ("subscriberId" in target) numbers.set(target.subscriberId, target.number);
    if (step.kind === "forward" && step.subscriberId !== undefined) numbers.set(step.subscriberId, step.to);
  }
  const who = (sid: string) => numbers.get(sid) ?? sid;
  const place = useSettingPlace(enterpriseId, who);

  return (
    <Flex vertical gap={16} role="region" aria-label={text("result.title")}>
      <Typography.Text type="secondary">{when}</Typography.Text>
      <OutcomeAlert answer={answer} />
      {answer.plan.presentation !== undefined && (
        <Descriptions
          size="small"
          bordered
          column={1}
          items={[
            {
              key: "presentation",
              label: text("result.presentation"),
              children: answer.plan.presentation === "restricted" ? text("result.restricted") : text("result.allowed"),
            },
            ...(answer.plan.presentedNumber !== undefined
              ? [{ key: "presentedNumber", label: text("result.presentedNumber"), children: answer.plan.presentedNumber }]
              : []),
          ]}
        />
      )}
      {view.premises.length > 0 && (
        <section aria-label={text("result.premises")}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {text("result.premises")}
          </Typography.Title>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {view.premises.map((entry, i) => (
              <li key={`${entry.rule}-${i}`} style={{ marginBottom: 6 }}>
                <Flex vertical gap={2}>
                  <span>
                    <Tag>{ruleName(text, entry.rule)}</Tag>
                    <PremiseDetail entry={entry} />
                  </span>
                  {entry.link && <PlaceLinks links={[entry.link]} place={place} />}
                </Flex>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label={text("result.steps")}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {text("result.steps")}
        </Typography.Title>
        {view.steps.length === 0 ? (
          <Typography.Text type="secondary">{text("result.noSteps")}</Typography.Text>
        ) : (
          <ol aria-label={text("result.stepList")} style={{ margin: 0, paddingInlineStart: 24 }}>
            {view.steps.map((step) => (
              <StepItem key={step.number} view={step} place={place} />
            ))}
          </ol>
        )}
      </section>
    </Flex>
  );
}

function PremiseDetail({ entry }: { entry: Explanation }) {
  const detail = useDetail();
  return <Typography.Text>{detail(entry)}</Typography.Text>;
}
