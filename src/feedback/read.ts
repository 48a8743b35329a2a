// Reads a feedback file as a stream of row chunks, never whole: JSONL by line, a JSON array element by
// element (a bracket scanner + JSON.parse), CSV record by record (csv.ts). Each row carries its line (JSON arrays:
// its index) and either the parsed value or why it could not be parsed.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { CsvError, csvRecords } from './csv.js';
import { eachLine } from './lines.js';

export type FeedbackFormat = 'json' | 'jsonl' | 'csv';

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

/**
 * Reads of 60 KB: each decoded chunk stays under V8's 128 KB large-object size even as two-byte text.
 * A larger string is promoted to the old generation as soon as it survives one young GC (256 KB reads
 * kept ~1 MB of dead chunks per young GC until a full GC: the send pass peaked ~30 MB higher).
 */
export const READ_SIZE = 60 * 1024;

export const positionLabel = (format: FeedbackFormat, line: number) => (format === 'json' ? `item ${line}` : `line ${line}`);

/**
 * Rows of a JSONL file, an array per chunk read: yielding row by row through async generators costs
 * more than parsing them, so rows travel in chunks and are looped over synchronously.
 */
async function* jsonl(file: string): AsyncGenerator<RawRow[]> {
  let rest = '';
  let line = 0;
  const parse = (text: string): RawRow | undefined => {
    line++;
    const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (trimmed === '') return undefined;
    try {
      return { line, value: JSON.parse(trimmed) };
    } catch (error) {
      return { line, error: `invalid JSON (${(error as Error).message})` };
    }
  };
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: READ_SIZE })) {
    const text = chunk as string;
    const rows: RawRow[] = [];
    rest = eachLine(rest, text, (line) => {
      const row = parse(line);
      if (row) rows.push(row);
    });
    if (rows.length) yield rows;
  }
  const last = rest === '' ? undefined : parse(rest);
  if (last) yield [last];
}

/**
 * The elements of a JSON array, each parsed with JSON.parse as soon as the scanner has found its
 * end: a scan of strings and brackets costs far less than a token-by-token streaming parser, and
 * only one element is ever held as text. Anything that is not an array of values is a FeedbackFileError.
 */
async function* jsonArray(file: string): AsyncGenerator<RawRow[]> {
  const fail = (why: string) => new FeedbackFileError(`'${file}' is not a JSON array of rows: ${why}`);
  let state = 'before' as 'before' | 'in' | 'after';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let pending = '';
  let index = 0;
  let rows: RawRow[] = [];
  const element = (text: string, closing: boolean) => {
    const trimmed = text.trim();
    if (trimmed === '') {
      if (closing && index === 0) return; // []
      throw fail(`item ${index} is empty`);
    }
    try {
      rows.push({ line: index, value: JSON.parse(trimmed) });
    } catch (error) {
      throw fail(`item ${index}: ${(error as Error).message}`);
    }
    index++;
  };
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: READ_SIZE })) {
    const text = chunk as string;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92)
          escaped = true; // backslash
        else if (c === 34) inString = false; // "
      } else if (state === 'in') {
        if (c === 34) inString = true;
        else if (c === 123 || c === 91)
          depth++; // { [
        else if (c === 125 || c === 93) {
          // } ]
          if (depth > 0) depth--;
          else if (c === 93) {
            element(pending + text.slice(start, i), true);
            pending = '';
            state = 'after';
          } else throw fail(`an unmatched } in item ${index}`);
        } else if (c === 44 && depth === 0) {
          // ,
          element(pending + text.slice(start, i), false);
          pending = '';
          start = i + 1;
        }
      } else if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 0xfeff) {
        if (state === 'after') throw fail('there is text after its closing ]');
        if (c !== 91) throw fail('it does not start with [');
        state = 'in';
        start = i + 1;
      }
    }
    if (state === 'in') pending += text.slice(start);
    if (rows.length) {
      yield rows;
      rows = [];
    }
  }
  if (state !== 'after') throw fail(state === 'before' ? 'it is empty' : 'it ends before its closing ]');
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

function checkHeader(file: string, header: string[]): void {
  const names = header.map((h) => h.trim());
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  const extra = names.filter((n) => !CSV_COLUMNS.includes(n));
  if (missing.length || extra.length || names.length !== CSV_COLUMNS.length) {
    throw new FeedbackFileError(
      `'${file}' has the columns ${names.join(', ') || '(none)'}; a feedback CSV has exactly prediction_uuid and target` +
        (missing.length ? ` (missing: ${missing.join(', ')})` : '') +
        (extra.length ? ` (unexpected: ${extra.join(', ')})` : ''),
    );
  }
}

async function* csv(file: string): AsyncGenerator<RawRow[]> {
  let uuidAt = -1;
  let targetAt = -1;
  try {
    for await (const records of csvRecords(createReadStream(file, { encoding: 'utf8', highWaterMark: READ_SIZE }) as AsyncIterable<string>)) {
      const rows: RawRow[] = [];
      for (const { line, fields } of records) {
        if (uuidAt === -1) {
          checkHeader(file, fields);
          const names = fields.map((f) => f.trim());
          [uuidAt, targetAt] = [names.indexOf('prediction_uuid'), names.indexOf('target')];
          continue;
        }
        if (fields.length !== 2) throw new CsvError(`line ${line} has ${fields.length} fields; the header has 2`);
        const value: Record<string, unknown> = { prediction_uuid: fields[uuidAt] };
        if (fields[targetAt] !== '') value.target = csvTarget(fields[targetAt]);
        rows.push({ line, value });
      }
      if (rows.length) yield rows;
    }
  } catch (error) {
    if (error instanceof CsvError) throw new FeedbackFileError(`'${file}' is not a readable CSV: ${error.message}`);
    throw error;
  }
}

/** The file's rows in file order, in chunks. */
export function readRows(file: string, format: FeedbackFormat): AsyncGenerator<RawRow[]> {
  return format === 'jsonl' ? jsonl(file) : format === 'json' ? jsonArray(file) : csv(file);
}
