// `npm start`: build the web app once if it isn't built yet, then `centrex serve`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { launch, nodeBinary, root } from "../bin/launch.js";

if (!existsSync(path.join(root, "dist", "web", "index.html"))) {
  console.log("Building the web app (first start only)…");
  const vite = path.join(root, "node_modules", "vite", "bin", "vite.js");
  const built = spawnSync(nodeBinary(), [vite, "build", "--config", "src/web/vite.config.ts", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
launch(["serve"]);
