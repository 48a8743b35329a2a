// Row rules, and the first pass over a feedback file: every row is checked (and duplicate uuids
// found) before anything is sent. Only each uuid's 128 bits are kept, so a million rows fit.
import { stat } from 'node:fs/promises';
import { type FeedbackFormat, positionLabel, READ_SIZE, readRows } from './read.js';
import { inShard, type Shard } from './shard.js';
import { UuidSet } from './uuid-set.js';

export interface FeedbackRow {
  line: number;
  prediction_uuid: string;
  target: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A row as sent, or why it cannot be. Fields other than prediction_uuid and target are ignored. */
export function checkRow(line: number, value: unknown): FeedbackRow | string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'expected an object with prediction_uuid and target';
  const row = value as Record<string, unknown>;
  const uuid = row.prediction_uuid;
  if (uuid === undefined || uuid === null || uuid === '') return 'missing prediction_uuid';
  if (typeof uuid !== 'string' || !UUID.test(uuid)) return `malformed prediction_uuid ${JSON.stringify(uuid).slice(0, 60)} (expected a UUID)`;
  if (!('target' in row) || row.target === undefined || row.target === null) return 'missing target';
  return { line, prediction_uuid: uuid, target: row.target };
}

export interface Invalid {
  line: number;
  reason: string;
}

export interface FileCheck {
  rows: number;
  /** Of the valid rows, those in this run's shard (all of them without feedback-shard). */
  inShard: number;
  invalidCount: number;
  /** The first invalid rows, in file order (up to 1,000 kept). */
  invalid: Invalid[];
}

/**
 * The uuid table is sized for the whole file from its first read (rows per byte), up to this; past
 * it, it grows as it fills. Bounded because one read can mislead: a file of short rows, then long
 * ones, would otherwise reserve room for 16 times its rows (~460 MB for 1M rows of 1 KB).
 */
const MAX_RESERVE = 2_000_000;

/** Every row of the file is checked, whatever the shard: each shard refuses a bad file alike. */
export async function checkFile(file: string, format: FeedbackFormat, shard?: Shard): Promise<FileCheck> {
  const seen = new UuidSet();
  const check: FileCheck = { rows: 0, inShard: 0, invalidCount: 0, invalid: [] };
  const bad = (line: number, reason: string) => {
    check.invalidCount++;
    if (check.invalid.length < 1000) check.invalid.push({ line, reason });
  };
  const bytes = (await stat(file)).size;
  let first = true;
  try {
    for await (const chunk of readRows(file, format)) {
      if (first && bytes > READ_SIZE) seen.reserve(Math.min(MAX_RESERVE, Math.ceil((bytes / READ_SIZE) * chunk.length * 1.05)));
      first = false;
      for (const raw of chunk) {
        check.rows++;
        const row = raw.error ?? checkRow(raw.line, raw.value);
        if (typeof row === 'string') {
          bad(raw.line, row);
          continue;
        }
        const first = seen.add(row.prediction_uuid, raw.line);
        if (first !== undefined) bad(raw.line, `duplicate prediction_uuid ${row.prediction_uuid} (first at ${positionLabel(format, first)})`);
        else if (inShard(row.prediction_uuid, shard)) check.inShard++;
      }
    }
  } finally {
    seen.release();
  }
  return check;
}

/** The failure message: how many, the first 20 with reasons, then the positions of more. */
export function describeInvalid(file: string, format: FeedbackFormat, check: FileCheck): string {
  if (check.rows === 0) return `feedback-file '${file}' has no rows: nothing was sent`;
  const where = (line: number) => positionLabel(format, line);
  const lines = check.invalid.slice(0, 20).map((i) => `  ${where(i.line)}: ${i.reason}`);
  const more = check.invalid.slice(20, 200).map((i) => where(i.line));
  if (more.length) lines.push(`  also invalid: ${more.join(', ')}${check.invalidCount > 200 ? `, and ${check.invalidCount - 200} more` : ''}`);
  return `feedback-file '${file}': ${check.invalidCount} of ${check.rows} rows are invalid, so nothing was sent:\n${lines.join('\n')}`;
}
