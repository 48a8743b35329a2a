import { describe, expect, it } from '@jest/globals';
import { readJwt, renewMargin } from '../../src/konan/auth.js';
import { csvTarget, detectFormat, readRows } from '../../src/feedback/read.js';
import { checkFile, checkRow, describeInvalid } from '../../src/feedback/validate.js';
import { failsOn } from '../../src/pipeline/feedback.js';
import { makeTree } from '../helpers/action.js';
import path from 'node:path';

const U1 = '6f1c2d3e-4a5b-4c6d-8e7f-901234567890';
const U2 = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';

describe('checkRow', () => {
  it('takes prediction_uuid and target, ignoring other fields (so a report line is a row)', () => {
    expect(checkRow(3, { prediction_uuid: U1, target: { prediction: 1 }, outcome: 'unsent', line: 9 })).toEqual({
      line: 3,
      prediction_uuid: U1,
      target: { prediction: 1 },
    });
    expect(checkRow(3, { prediction_uuid: U1, target: 'cat' })).toMatchObject({ target: 'cat' });
    expect(checkRow(3, { prediction_uuid: U1, target: 0 })).toMatchObject({ target: 0 });
  });

  it.each([
    [{ target: 1 }, 'missing prediction_uuid'],
    [{ prediction_uuid: 'abc', target: 1 }, 'malformed prediction_uuid "abc" (expected a UUID)'],
    [{ prediction_uuid: 42, target: 1 }, 'malformed prediction_uuid 42 (expected a UUID)'],
    [{ prediction_uuid: U1 }, 'missing target'],
    [{ prediction_uuid: U1, target: null }, 'missing target'],
    [[U1, 1], 'expected an object with prediction_uuid and target'],
    ['text', 'expected an object with prediction_uuid and target'],
  ])('%j → %s', (value, reason) => expect(checkRow(1, value)).toBe(reason));
});

describe('checkFile', () => {
  it('finds every invalid row and duplicate in a JSONL file, with its line', async () => {
    const dir = await makeTree({
      'f.jsonl': [
        JSON.stringify({ prediction_uuid: U1, target: 1 }),
        '',
        '{"prediction_uuid": oops}',
        JSON.stringify({ prediction_uuid: U2, target: 2 }),
        JSON.stringify({ prediction_uuid: U1.toUpperCase(), target: 3 }),
      ].join('\n'),
    });
    const check = await checkFile(path.join(dir, 'f.jsonl'), 'jsonl');
    expect(check.rows).toBe(4);
    expect(check.invalid.map((i) => [i.line, i.reason.split(' (')[0]])).toEqual([
      [3, 'invalid JSON'],
      [5, `duplicate prediction_uuid ${U1.toUpperCase()}`],
    ]);
    expect(check.invalid[1].reason).toContain('(first at line 1)');
  });

  it('reads a JSON array element by element, reporting indexes', async () => {
    const dir = await makeTree({ 'f.json': JSON.stringify([{ prediction_uuid: U1, target: 1 }, { prediction_uuid: U2 }]) });
    const check = await checkFile(path.join(dir, 'f.json'), 'json');
    expect(check).toEqual({ rows: 2, inShard: 1, invalidCount: 1, invalid: [{ line: 1, reason: 'missing target' }] });
    expect(describeInvalid('f.json', 'json', check)).toBe("feedback-file 'f.json': 1 of 2 rows are invalid, so nothing was sent:\n  item 1: missing target");
  });

  it('refuses a JSON file that is not an array, and CSV with the wrong columns', async () => {
    const dir = await makeTree({ 'f.json': '{"prediction_uuid": 1', 'f.csv': 'uuid,target\nx,1\n' });
    await expect(checkFile(path.join(dir, 'f.json'), 'json')).rejects.toThrow('is not a JSON array of rows');
    await expect(checkFile(path.join(dir, 'f.csv'), 'csv')).rejects.toThrow(
      'has the columns uuid, target; a feedback CSV has exactly prediction_uuid and target (missing: prediction_uuid) (unexpected: uuid)',
    );
  });

  it('reads CSV targets as JSON when they are, else as strings, with physical line numbers', async () => {
    const dir = await makeTree({ 'f.csv': `prediction_uuid,target\n${U1},"{""prediction"": 0.9}"\n${U2},cat\n,dog\n` });
    const check = await checkFile(path.join(dir, 'f.csv'), 'csv');
    expect(check.invalid).toEqual([{ line: 4, reason: 'missing prediction_uuid' }]);
    expect(csvTarget('{"prediction": 0.9}')).toEqual({ prediction: 0.9 });
    expect(csvTarget('0.9')).toBe(0.9);
    expect(csvTarget('cat')).toBe('cat');
  });

  it('tells the format from the extension, or asks for it', () => {
    expect(['a.json', 'a.JSONL', 'a.ndjson', 'a.csv'].map((f) => detectFormat(f, 'auto'))).toEqual(['json', 'jsonl', 'jsonl', 'csv']);
    expect(detectFormat('a.txt', 'csv')).toBe('csv');
    expect(() => detectFormat('a.txt', 'auto')).toThrow('set feedback-format');
  });
});

describe('feedback-fail-on', () => {
  const stage = (rejected: number, unsent: number) => ({ total: 100, rejected, unsent }) as Parameters<typeof failsOn>[1];
  it('fails on any row not accepted, on none, or past a rate', () => {
    expect([failsOn({ kind: 'any' }, stage(0, 0)), failsOn({ kind: 'any' }, stage(0, 1))]).toEqual([false, true]);
    expect(failsOn({ kind: 'none' }, stage(50, 50))).toBe(false);
    expect([failsOn({ kind: 'rate', percent: 5 }, stage(3, 2)), failsOn({ kind: 'rate', percent: 5 }, stage(3, 3))]).toEqual([false, true]);
  });
});

describe('Konan JWT expiry', () => {
  const jwt = (payload: object) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;
  it('reads exp and iat, and renews a short-lived token a tenth of its life early', () => {
    const token = { value: '', ...readJwt(jwt({ exp: 1000, iat: 990 })) };
    expect(token).toMatchObject({ expiresAt: 1_000_000, lifetimeMs: 10_000 });
    expect(renewMargin(token)).toBe(1000);
    expect(renewMargin({ value: '', ...readJwt(jwt({ exp: 100_000, iat: 0 })) })).toBe(30_000);
    expect(readJwt('not-a-jwt')).toEqual({});
  });
});

describe('UuidSet', () => {
  it('finds exact duplicates whatever the case or dashes, across growth', async () => {
    const { UuidSet } = await import('../../src/feedback/uuid-set.js');
    const set = new UuidSet(4);
    const uuids = Array.from({ length: 5000 }, () => crypto.randomUUID());
    uuids.forEach((u, i) => expect(set.add(u, i)).toBeUndefined());
    expect(set.size).toBe(5000);
    expect(set.add(uuids[1234].toUpperCase(), 9)).toBe(1234);
    expect(set.add(uuids[0].replace(/-/g, ''), 9)).toBe(0);
    expect(set.add('00000000-0000-4000-8000-000000000000', 0)).toBeUndefined();
    expect(set.add('00000000-0000-4000-8000-000000000000', 7)).toBe(0);
    expect(set.add('00000000-0000-4000-8000-000000000001', 1)).toBeUndefined();
  });

  it('keeps every entry when room is reserved part-way', async () => {
    const { UuidSet } = await import('../../src/feedback/uuid-set.js');
    const set = new UuidSet(4);
    const uuids = Array.from({ length: 3000 }, () => crypto.randomUUID());
    uuids.slice(0, 100).forEach((u, i) => set.add(u, i));
    set.reserve(3000);
    set.reserve(10); // never shrinks
    uuids.slice(100).forEach((u, i) => expect(set.add(u, i + 100)).toBeUndefined());
    uuids.forEach((u, i) => expect(set.add(u, 0)).toBe(i));
    expect(set.size).toBe(3000);
  });

  it('is empty and usable again once released', async () => {
    const { UuidSet } = await import('../../src/feedback/uuid-set.js');
    const set = new UuidSet(4);
    const uuids = Array.from({ length: 2000 }, () => crypto.randomUUID());
    uuids.forEach((u, i) => set.add(u, i));
    set.release();
    expect(set.size).toBe(0);
    uuids.forEach((u, i) => expect(set.add(u, i)).toBeUndefined());
    expect(set.add(uuids[5], 0)).toBe(5);
  });
});

describe('JSON array reading', () => {
  it('reads elements whatever their layout: nested values, brackets and commas inside strings, escapes', async () => {
    const rows = [
      { prediction_uuid: U1, target: { label: 'a,b]}', nested: [1, [2, { x: '\\"' }]] } },
      { prediction_uuid: U2, target: 'say "[hi]",\n' },
    ];
    const dir = await makeTree({ 'a.json': `\uFEFF  [\n${JSON.stringify(rows[0], null, 2)} ,${JSON.stringify(rows[1])}]\n`, 'e.json': ' [ ] ' });
    const read = async (f: string) => {
      const out: unknown[] = [];
      for await (const chunk of readRows(path.join(dir, f), 'json')) out.push(...chunk);
      return out;
    };
    expect(await read('a.json')).toEqual([
      { line: 0, value: rows[0] },
      { line: 1, value: rows[1] },
    ]);
    expect(await read('e.json')).toEqual([]);
  });

  it.each([
    ['[1,,2]', 'item 1 is empty'],
    ['[1, 2', 'it ends before its closing ]'],
    ['[1] x', 'there is text after its closing ]'],
    ['{"a": 1}', 'it does not start with ['],
    ['[{"a": tru}]', 'item 0: '],
    ['', 'it is empty'],
  ])('refuses %j: %s', async (text, why) => {
    const dir = await makeTree({ 'f.json': text });
    await expect(checkFile(path.join(dir, 'f.json'), 'json')).rejects.toThrow(`is not a JSON array of rows: ${why}`);
  });
});

describe('CSV reading', () => {
  const read = async (text: string) => {
    const dir = await makeTree({ 'f.csv': text });
    const out: unknown[] = [];
    for await (const chunk of readRows(path.join(dir, 'f.csv'), 'csv')) out.push(...chunk);
    return out;
  };

  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF, a BOM, columns in either order', async () => {
    const text = `\uFEFFtarget,prediction_uuid\r\n"{""a"": ""x,y""}",${U1}\r\n\r\n"two\nlines, ""quoted""",${U2}\r\n`;
    expect(await read(text)).toEqual([
      { line: 2, value: { prediction_uuid: U1, target: { a: 'x,y' } } },
      { line: 4, value: { prediction_uuid: U2, target: 'two\nlines, "quoted"' } },
    ]);
  });

  it.each([
    [`prediction_uuid,target\n${U1},"open\n`, 'line 2: a quoted field is not closed'],
    [`prediction_uuid,target\n${U1},1,2\n`, 'line 2 has 3 fields; the header has 2'],
    [`prediction_uuid,target\n${U1},a"b\n`, 'line 2: a quote inside unquoted field 2'],
    [`prediction_uuid,target\n${U1},"a"b\n`, 'line 2: text after the closing quote of field 2'],
  ])('refuses %j: %s', async (text, why) => {
    await expect(read(text)).rejects.toThrow(`is not a readable CSV: ${why}`);
  });
});

describe('reading across reads', () => {
  // Many reads of the file (60 KB each): lines split at every offset, lines longer than a read, CRLF, non-ASCII text.
  const rows = Array.from({ length: 3000 }, (_, i) => ({
    prediction_uuid: crypto.randomUUID(),
    target: i % 500 === 7 ? 'x'.repeat(150_000) : { label: `é${i}`, emoji: i % 3 ? '🙂' : '' },
  }));

  it('reads every JSONL row once, with its line', async () => {
    const text = rows.map((r, i) => JSON.stringify(r) + (i % 2 ? '\r\n' : '\n')).join('') + JSON.stringify({ prediction_uuid: U1, target: 'last' });
    const dir = await makeTree({ 'f.jsonl': text });
    const out: { line: number; value?: unknown }[] = [];
    for await (const chunk of readRows(path.join(dir, 'f.jsonl'), 'jsonl')) out.push(...chunk);
    expect(out.map((r) => r.line)).toEqual(Array.from({ length: 3001 }, (_, i) => i + 1));
    expect(out.map((r) => r.value)).toEqual([...rows, { prediction_uuid: U1, target: 'last' }]);
  });

  it('reads every CSV record once, with its line', async () => {
    const text = `prediction_uuid,target\n${rows.map((r) => `${r.prediction_uuid},"${JSON.stringify(r.target).replace(/"/g, '""')}"\n`).join('')}`;
    const dir = await makeTree({ 'f.csv': text });
    const out: { line: number; value?: unknown }[] = [];
    for await (const chunk of readRows(path.join(dir, 'f.csv'), 'csv')) out.push(...chunk);
    expect(out.map((r) => r.line)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 2));
    expect(out.map((r) => r.value)).toEqual(rows);
  });

  it('finds a duplicate thousands of rows apart, and checks a second file after the first', async () => {
    const text = [...rows, rows[10]].map((r) => JSON.stringify(r)).join('\n');
    const dir = await makeTree({ 'f.jsonl': text, 'g.jsonl': rows.map((r) => JSON.stringify(r)).join('\n') });
    const check = await checkFile(path.join(dir, 'f.jsonl'), 'jsonl');
    expect(check.invalid).toEqual([{ line: 3001, reason: `duplicate prediction_uuid ${rows[10].prediction_uuid} (first at line 11)` }]);
    expect(await checkFile(path.join(dir, 'g.jsonl'), 'jsonl')).toMatchObject({ rows: 3000, invalidCount: 0 });
  });
});
