// Enterprise rules: ID, name, line IDs, time zone, bulletin; subscriber IDs and numbers (8117).
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkBulletin, checkEnterpriseId, checkEnterpriseName, checkLineId, checkTimeZone, defaultSelfService, defaultServices } from "../../src/domain/enterprise/enterprise.ts";
import { DomainError } from "../../src/domain/errors.ts";
import { checkSubscriberNumber } from "../../src/domain/phone-number.ts";
import { checkSubscriberId } from "../../src/domain/subscriber/subscriber.ts";

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : "thrown";
  }
}

const cases: [string, () => unknown, string | undefined][] = [
  ["enterprise ID: letters, digits, _ and - up to 32", () => checkEnterpriseId("optage_01-x"), undefined],
  ["enterprise ID: empty is 8008", () => checkEnterpriseId(""), "8008"],
  ["enterprise ID: 33 characters are 8009", () => checkEnterpriseId("a".repeat(33)), "8009"],
  ["enterprise ID: a space is 8009", () => checkEnterpriseId("a b"), "8009"],
  ["enterprise ID: Japanese is 8009", () => checkEnterpriseId("企業"), "8009"],
  ["enterprise name: required (8008)", () => checkEnterpriseName("  "), "8008"],
  ["enterprise name: Japanese is fine", () => checkEnterpriseName("株式会社オプテージ"), undefined],
  ["enterprise name: a line break is 8009", () => checkEnterpriseName("a\nb"), "8009"],
  ["line ID: empty is allowed", () => checkLineId("", "lineId1"), undefined],
  ["line ID: symbols other than _ and - are 8009", () => checkLineId("L#1", "lineId1"), "8009"],
  ["time zone: Asia/Tokyo", () => checkTimeZone("Asia/Tokyo"), undefined],
  ["time zone: unknown is 8009", () => checkTimeZone("Mars/Olympus"), "8009"],
  ["bulletin: 2,000 characters with line breaks are accepted", () => checkBulletin("あ\n".repeat(1000)), undefined],
  ["bulletin: 2,001 characters are 8009", () => checkBulletin("あ".repeat(2001)), "8009"],
  ["bulletin: control characters are 8009", () => checkBulletin("a\u0007b"), "8009"],
  ["bulletin: markup is kept as text (no refusal)", () => checkBulletin("<script>alert(1)</script>"), undefined],
  ["subscriber ID: abc001", () => checkSubscriberId("abc001"), undefined],
  ["subscriber ID: 81990012345", () => checkSubscriberId("81990012345"), undefined],
  ["subscriber number: 0AB-J of 10 digits", () => checkSubscriberNumber("0612345678"), undefined],
  ["subscriber number: 050 of 11 digits", () => checkSubscriberNumber("05012345678"), undefined],
  ["subscriber number: with hyphens", () => checkSubscriberNumber("06-1234-5678"), undefined],
  ["subscriber number: 9 digits are 8117", () => checkSubscriberNumber("061234567"), "8117"],
  ["subscriber number: a mobile number is not a subscriber number (8117)", () => checkSubscriberNumber("09012345678"), "8117"],
  ["subscriber number: free dial is not a subscriber number (8117)", () => checkSubscriberNumber("0120123456"), "8117"],
  ["subscriber number: letters are 8117", () => checkSubscriberNumber("06ABCD5678"), "8117"],
  ["subscriber number: empty is 8008", () => checkSubscriberNumber(""), "8008"],
];

for (const [name, fn, expected] of cases) {
  test(name, () => assert.equal(code(fn), expected));
}

test("subscriber number: stored as national digits with its kind", () => {
  assert.deepEqual(checkSubscriberNumber("+81-6-1234-5678"), { number: "0612345678", kind: "oabj" });
  assert.deepEqual(checkSubscriberNumber("050-1234-5678"), { number: "05012345678", kind: "050" });
});

test("service plan defaults: every service on, every self-service flag on but caller-ID withholding", () => {
  assert.ok(Object.values(defaultServices).every((v) => v));
  assert.deepEqual(defaultSelfService, { anonymousRejection: true, withholdCallerId: false, internationalBlock: true, externalBlock: true });
});
