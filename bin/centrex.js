#!/usr/bin/env node
// The `centrex` command (README): runs a command of src/cli on the project's Node.js 24.
import { launch } from "./launch.js";

launch(process.argv.slice(2));
