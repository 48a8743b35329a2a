// Prints lines of a platform log (Konigle Job log, Konan container log) to the runner's log.
// Every log printer goes through here, so how outside text reaches the runner is decided once:
// the lines are data, so they are printed between `::stop-commands::<token>` and `::<token>::`,
// with a fresh random token each time, and no line (`::add-mask::`, `::error file=…::`,
// `::endgroup::`, `::set-output`) acts as a workflow command. Secrets in them are redacted.
import { randomBytes } from 'node:crypto';
import * as core from '../actions/core.js';
import { redact } from '../redact.js';

export function printLogLines(lines: readonly string[]): void {
  if (lines.length === 0) return;
  const token = `konigle-log-${randomBytes(16).toString('hex')}`;
  core.info(`::stop-commands::${token}`);
  for (const line of lines) core.info(redact(line).replace(/\r/g, ''));
  core.info(`::${token}::`);
}
