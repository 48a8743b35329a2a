// What the feedback tests write and read back: JSON Lines in, the report file out.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReportLine } from '../../src/feedback/report.js';

/** Rows as JSON Lines: one object a line, with a final newline. */
export const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** The lines of the feedback report, report.jsonl in `dir`. */
export const readReport = async (dir: string) =>
  (await readFile(path.join(dir, 'report.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ReportLine);
