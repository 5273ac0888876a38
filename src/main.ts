// The composition root: configuration → database → services → HTTP server or a CLI command.
import { runCli } from "./cli/cli.ts";

process.exitCode = await runCli(process.argv.slice(2));
