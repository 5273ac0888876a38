// features.md §4: the number-class policy, one case per rule, named after it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DomainError } from "../../src/domain/errors.ts";
import { checkDestination, type DestinationContext } from "../../src/domain/forwarding/destination-policy.ts";

const web: DestinationContext = { allowInternational: false };
const phone: DestinationContext = { allowInternational: true };
const member: DestinationContext = { allowInternational: false, extensionGroup: { externalPrefix: "0", extensions: new Set(["201", "202"]) } };

function outcome(input: string, context: DestinationContext): string {
  try {
    const d = checkDestination(input, "destination", context);
    return `${d.kind}:${d.dialed}`;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const cls = (error.details as { class?: string } | undefined)?.class;
    return cls === undefined ? error.code : `${error.code}:${cls}`;
  }
}

const cases: [string, string, DestinationContext, string][] = [
  ["a 0AB-J number is allowed", "0612345678", web, "external:0612345678"],
  ["a 050 number is allowed", "05012345678", web, "external:05012345678"],
  ["a mobile number is allowed", "09012345678", web, "external:09012345678"],
  ["hyphens are ignored", "090-1234-5678", web, "external:09012345678"],
  ["110 (police) is restricted as 1XX", "110", web, "8039:1XX"],
  ["119 (fire) is restricted as 1XX", "119", web, "8039:1XX"],
  ["177 (weather) is restricted as 1XX", "177", web, "8039:1XX"],
  ["171 伝言ダイヤル is restricted as 1XX", "171", web, "8039:1XX"],
  ["0120 free dial is restricted", "0120123456", web, "8039:0120"],
  ["0800 free access is restricted", "08001234567", web, "8039:0800"],
  ["0570 navi dial is restricted", "0570123456", web, "8039:0570"],
  ["0180 teledome is restricted", "0180123456", web, "8039:0180"],
  ["0990 dial Q2 is restricted", "0990123456", web, "8039:0990"],
  ["a carrier selection code is restricted", "0033012345678", web, "8039:00XY"],
  ["international (010) can't be set on the web", "0103912345678", web, "8102"],
  ["international (+) can't be set on the web", "+3912345678", web, "8102"],
  ["international is allowed from the phone, Italy keeps its 0", "01039061234567", phone, "international:01039061234567"],
  ["+ is turned into 010 from the phone", "+14155550100", phone, "international:01014155550100"],
  ["a malformed number is 8117", "0612", web, "8117"],
  ["letters are 8117", "06-ABCD-5678", web, "8117"],
  ["empty is 8008", "", web, "8008"],
  ["a group member's external destination carries the prefix", "009012345678", member, "external:009012345678"],
  ["a group member's extension of the same group is allowed", "201", member, "extension:201"],
  ["a group member's number without the prefix is 8012", "09012345678", member, "8012"],
  ["a group member's unknown extension is 8012", "299", member, "8012"],
  ["a group member's restricted class behind the prefix is still 8039", "00570123456", member, "8039:0570"],
];

for (const [name, input, context, expected] of cases) {
  test(`destination: ${name}`, () => assert.equal(outcome(input, context), expected));
}

test("destination: the refusal names the class in Japanese", () => {
  try {
    checkDestination("0570123456", "busy.destination", web);
    assert.fail("accepted");
  } catch (error) {
    assert.ok(error instanceof DomainError);
    assert.match(error.messageJa, /0570 ナビダイヤル/);
    assert.equal(error.field, "busy.destination");
  }
});
