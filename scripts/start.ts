// `npm start`: build the web app once if it isn't built yet, then `centrex serve`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync("dist/web/index.html")) {
  console.log("Building the web app (first start only)…");
  const built = spawnSync(process.execPath, ["node_modules/.bin/vite", "build", "--config", "src/web/vite.config.ts", "--logLevel", "warn"], { stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
await import("../src/main.ts");
