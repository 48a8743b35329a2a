// Prints lines of a platform log (Konigle Job log, Konan container log) to the runner's log.
// Every log printer goes through here, so how outside text reaches the runner is decided once.
import * as core from '@actions/core';

export function printLogLines(lines: readonly string[]): void {
  for (const line of lines) core.info(line);
}
