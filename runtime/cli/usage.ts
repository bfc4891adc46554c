export const USAGE = `payscript — run payment scripts against card terminals

Usage:
  payscript run <script> [--pc NAME] [--user NAME] [--location NAME] [--terminal ID] [--lang en|cs|sk|de|et|sv|fi|nb|da|el|it] [--config FILE] [--root DIR]… [--json]
  payscript check <script>…
  payscript test <script> [--protocols csob,gpe,posxml,nets,viva,viva-ecr|all] [--outcomes LIST|all]
                          [--expect FILE] [--json] [--junit FILE] [--lang L]
  payscript simulate <protocol> [--port N] [--terminal-id ID] [--delay-ms N] [--orphaned-flow drop|finish]
  payscript terminal test <id> [--bank] [--config FILE]
  payscript journal list [--from DATE] [--to DATE] [--terminal ID] [--status success,pending,failed,aborted]
                         [--protocol P] [--location L] [--pc NAME] [--user NAME] [--limit N] [--offset N] [--json]
  payscript journal receipt <no|id> [--copy merchant|customer]
  payscript journal settle <no|id> --as approved|failed --note TEXT [--auth CODE] [--by NAME]
  payscript serve [--config FILE] [--port N] [--host H] [--data-dir DIR] [--scripts DIR]

Without a config file (--config, PAYSCRIPT_CONFIG or ./payscript.config.json) payscript starts
in-process simulators of every protocol (terminal ids sim-<protocol>) and binds to sim-csob.
\`payscript test\` runs the script once per protocol × outcome (approved, insufficient-funds,
issuer-declined, customer-cancelled, card-removed, no-answer, busy, duplicate, lost-answer,
card-expired; \`lost-answer@2\` hits the second sale or refund) on fresh simulators and checks
<script>.expect.json, or by default: no throw, nothing charged twice, nothing left in doubt.
\`payscript check\` type-checks scripts against the script API as the editor does (file:line:col).
Exit codes: 0 done, 1 the script threw or was stopped (or a test or type check failed), 2 bad usage or config.`;

/** Bad command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}
