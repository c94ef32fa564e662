/**
 * The `consent-banner` command: `audit` (docs/guide/audit.md "From the command line") and
 * `records` (docs/server/records.md "From the command line").
 */
import { runRecords } from './cli/records.js';
import { runCli } from './testing/cli.js';

const [command, ...rest] = process.argv.slice(2);
process.exitCode =
  command === 'records' ? await runRecords(rest) : await runCli(process.argv.slice(2));
