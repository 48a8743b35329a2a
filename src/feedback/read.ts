// Reads a feedback file as a stream of rows, never whole: JSONL by line, a JSON array element by
// element (stream-json), CSV record by record (csv-parse). Each row carries its line (JSON arrays:
// its index) and either the parsed value or why it could not be parsed.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import { streamArray } from 'stream-json/streamers/stream-array.js';

export const FEEDBACK_FORMATS = ['json', 'jsonl', 'csv'] as const;
export type FeedbackFormat = (typeof FEEDBACK_FORMATS)[number];

export interface RawRow {
  /** 1-based line number; for a JSON array, the 0-based element index. */
  line: number;
  value?: unknown;
  error?: string;
}

/** The whole file cannot be read as its format (bad JSON syntax, a CSV header without the columns). */
export class FeedbackFileError extends Error {}

export function detectFormat(file: string, format: string): FeedbackFormat {
  if (format !== 'auto') return format as FeedbackFormat;
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  throw new FeedbackFileError(`Input 'feedback-format' is 'auto' but '${file}' has no .json, .jsonl or .csv extension: set feedback-format`);
}

export const positionLabel = (format: FeedbackFormat, line: number) => (format === 'json' ? `item ${line}` : `line ${line}`);

async function* jsonl(file: string): AsyncGenerator<RawRow> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (trimmed === '') continue;
    try {
      yield { line, value: JSON.parse(trimmed) };
    } catch (error) {
      yield { line, error: `invalid JSON (${(error as Error).message})` };
    }
  }
}

async function* jsonArray(file: string): AsyncGenerator<RawRow> {
  const input = createReadStream(file);
  const items = streamArray.withParserAsStream();
  input.on('error', (error) => items.destroy(error));
  input.pipe(items);
  try {
    for await (const { key, value } of items as AsyncIterable<{ key: number; value: unknown }>) yield { line: key, value };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    throw new FeedbackFileError(`'${file}' is not a JSON array of rows: ${(error as Error).message}`);
  }
}

const CSV_COLUMNS = ['prediction_uuid', 'target'];

/** A CSV target is a JSON value when it parses as one, else the plain string. */
export function csvTarget(cell: string): unknown {
  try {
    return JSON.parse(cell);
  } catch {
    return cell;
  }
}

async function* csv(file: string): AsyncGenerator<RawRow> {
  const parser = createReadStream(file).pipe(
    parseCsv({
      bom: true,
      info: true,
      skip_empty_lines: true,
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim());
        const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
        const extra = names.filter((n) => !CSV_COLUMNS.includes(n));
        if (missing.length || extra.length) {
          throw new FeedbackFileError(
            `'${file}' has the columns ${names.join(', ') || '(none)'}; a feedback CSV has exactly prediction_uuid and target` +
              (missing.length ? ` (missing: ${missing.join(', ')})` : '') +
              (extra.length ? ` (unexpected: ${extra.join(', ')})` : ''),
          );
        }
        return names;
      },
    }),
  );
  try {
    for await (const { info, record } of parser as AsyncIterable<{ info: { lines: number }; record: Record<string, string> }>) {
      const value: Record<string, unknown> = { prediction_uuid: record.prediction_uuid };
      if (record.target !== undefined && record.target !== '') value.target = csvTarget(record.target);
      yield { line: info.lines, value };
    }
  } catch (error) {
    if (error instanceof FeedbackFileError || (error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof FeedbackFileError) throw cause;
    throw new FeedbackFileError(`'${file}' is not a readable CSV: ${(error as Error).message}`);
  }
}

export function readRows(file: string, format: FeedbackFormat): AsyncGenerator<RawRow> {
  return format === 'jsonl' ? jsonl(file) : format === 'json' ? jsonArray(file) : csv(file);
}
