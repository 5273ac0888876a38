// features.md §9: terminal authentication, one-time release, emergency stop — who may set up.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DomainError } from "../../src/domain/errors.ts";
import { defaultTerminal, type Terminal } from "../../src/domain/subscriber/subscriber.ts";
import { applyTerminalPatch, checkDeviceId, decideSetup } from "../../src/domain/terminal/terminal.ts";

const at = "2026-11-22T00:00:00.000Z";
const t = (p: Partial<Terminal>): Terminal => ({ ...defaultTerminal, ...p });
const verdict = (terminal: Terminal, stopped: boolean, device: string) => {
  const v = decideSetup(terminal, stopped, device, at);
  return v.allowed ? `ok:${v.reason}` : v.code;
};

const cases: [string, Terminal, boolean, string, string][] = [
  ["authentication off: any device sets up", t({ boundDeviceId: "A" }), false, "B", "ok:unlocked"],
  ["authentication on: the first device sets up and is bound", t({ authentication: true }), false, "A", "ok:first"],
  ["authentication on: the bound device sets up again", t({ authentication: true, boundDeviceId: "A" }), false, "A", "ok:same"],
  ["authentication on: another device is refused (8120)", t({ authentication: true, boundDeviceId: "A" }), false, "B", "8120"],
  ["one-time release: exactly one other device may set up", t({ authentication: true, boundDeviceId: "A", oneTimeRelease: true }), false, "B", "ok:oneTimeRelease"],
  ["emergency stop: no setup at all (8119)", t({}), true, "A", "8119"],
  ["emergency stop beats a one-time release", t({ authentication: true, boundDeviceId: "A", oneTimeRelease: true }), true, "B", "8119"],
];
for (const [name, terminal, stopped, device, expected] of cases) test(`terminal: ${name}`, () => assert.equal(verdict(terminal, stopped, device), expected));

test("terminal: a one-time release is used up by the setup it allows, then the number is locked again", () => {
  const first = decideSetup(t({ authentication: true, boundDeviceId: "A", oneTimeRelease: true }), false, "B", at);
  assert.ok(first.allowed);
  assert.equal(first.terminal.oneTimeRelease, false);
  assert.equal(first.terminal.boundDeviceId, "B");
  assert.equal(verdict(first.terminal, false, "C"), "8120");
  assert.equal(verdict(first.terminal, false, "A"), "8120");
});

test("terminal: a one-time release needs authentication on; turning authentication off clears it", () => {
  assert.throws(() => applyTerminalPatch(t({}), { oneTimeRelease: true }), (e: unknown) => e instanceof DomainError && e.code === "8009");
  assert.equal(applyTerminalPatch(t({ authentication: true, oneTimeRelease: true }), { authentication: false }).oneTimeRelease, false);
  assert.equal(applyTerminalPatch(t({ authentication: true }), { oneTimeRelease: true }).oneTimeRelease, true);
});

test("terminal: device IDs are required, printable and ≤ 128 characters", () => {
  assert.throws(() => checkDeviceId(""), (e: unknown) => e instanceof DomainError && e.code === "8008");
  assert.throws(() => checkDeviceId("a b"), (e: unknown) => e instanceof DomainError && e.code === "8009");
  assert.throws(() => checkDeviceId("x".repeat(129)), (e: unknown) => e instanceof DomainError && e.code === "8009");
  assert.equal(checkDeviceId("iPhone-UDID-1234"), "iPhone-UDID-1234");
});
