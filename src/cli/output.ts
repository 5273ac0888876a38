// What the CLI prints for people: the demo logins.
import type { DemoSummary } from "../services/setup.service.ts";

export function printDemo(demo: DemoSummary): void {
  const ids = demo.subscriberIds;
  console.log(
    [
      "Demo enterprise loaded:",
      `  enterprise administrator  企業ID ${demo.enterpriseId} / ログインID ${demo.adminLoginId} / パスワード ${demo.adminPassword}`,
      `  end users                 ログインID ${ids[0]} … ${ids[ids.length - 1]} (企業ID empty) / パスワード ${demo.subscriberPassword}`,
    ].join("\n"),
  );
}
