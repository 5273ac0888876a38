// `npm run bench`: runs the benchmarks in bench/ and writes bench/results.json. Never part of `npm test`.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { routingFigures, type Figure } from "./routing.ts";

const figures: Figure[] = [];
console.log("▶ routing engine (in process)");
for (const f of routingFigures()) {
  figures.push(f);
  console.log(`  ${f.pass ? "✔" : "✖"} ${f.name}: ${f.value.toLocaleString("en")} ${f.unit} (target ${f.target})`);
}

console.log("\n▶ subscriber CSV export (100,000 rows)");
const exported = spawnSync(process.execPath, ["--expose-gc", "bench/export.ts"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
process.stdout.write(exported.stdout);

console.log("\n▶ bulk registration (20,000 lines a file)");
const imports = spawnSync(process.execPath, ["bench/imports.ts"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
process.stdout.write(imports.stdout);

const results = {
  figures,
  machine: { cpus: availableParallelism(), cpu: cpus()[0]?.model ?? "", memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, at: new Date().toISOString() },
  exportReport: exported.stdout,
  importsReport: imports.stdout,
};
writeFileSync("bench/results.json", `${JSON.stringify(results, null, 2)}\n`);
console.log("\nWrote bench/results.json");
