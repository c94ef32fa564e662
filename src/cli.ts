/** The `consent-banner` command (docs/guide/audit.md "From the command line"). */
import { runCli } from './testing/cli.js';

process.exitCode = await runCli(process.argv.slice(2));
