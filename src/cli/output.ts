// What the CLI prints for people: the demo logins.
import { demoGroupAdmin } from "../services/demo.service.ts";
import type { DemoSummary } from "../services/setup.service.ts";

export function printDemo(demo: DemoSummary): void {
  const ids = demo.subscriberIds;
  console.log(
    [
      "Demo enterprise loaded:",
      `  enterprise administrator  企業ID ${demo.enterpriseId} / ログインID ${demo.adminLoginId} / パスワード ${demo.adminPassword}`,
      `  group administrator       企業ID ${demo.enterpriseId} / ログインID ${demoGroupAdmin.loginId} / パスワード ${demoGroupAdmin.password}  (営業部: demo003–demo005)`,
      `  end users                 ログインID ${ids[0]} … ${ids[ids.length - 1]} (企業ID empty) / パスワード ${demo.subscriberPassword}`,
    ].join("\n"),
  );
}
