import { describe, expect, it } from '@jest/globals';
import { checkInputsFor, InputError, missingSecrets, parseFailOn, readInputs } from '../../src/inputs.js';

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('readInputs', () => {
  it('applies the design defaults to empty inputs', () => {
    const inputs = readInputs(reader({}), {});
    expect(inputs.command).toBe('auto');
    expect(inputs['api-url']).toBe('https://tim.konigle.com');
    expect(inputs['max-archive-size']).toBe(512 * 1024 ** 2);
    expect(inputs['wait-timeout']).toBe(20 * 60_000);
    expect(inputs['poll-interval']).toBe(3000);
    expect(inputs.wait).toBe(true);
    expect(inputs['upload-field']).toBe('file');
    expect(inputs['api-key']).toBeUndefined();
    expect(inputs.exclude).toEqual([]);
  });

  it('falls back to KONIGLE_API_KEY, and the input wins over it', () => {
    expect(readInputs(reader({}), { KONIGLE_API_KEY: 'from-env' })['api-key']).toBe('from-env');
    expect(readInputs(reader({ 'api-key': 'from-input' }), { KONIGLE_API_KEY: 'from-env' })['api-key']).toBe('from-input');
  });

  it('splits exclude into trimmed non-empty lines', () => {
    expect(readInputs(reader({ exclude: 'node_modules/\n\n  *.log  \r\ntmp' }), {}).exclude).toEqual(['node_modules/', '*.log', 'tmp']);
  });

  it('reports every bad value at once, naming the input, its value and what it accepts', () => {
    let error: InputError | undefined;
    try {
      readInputs(reader({ 'wait-timeout': '20x', wait: 'yes', 'max-archive-size': 'huge', command: 'ship', 'webapp-id': 'abc' }), {});
    } catch (e) {
      error = e as InputError;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error!.problems).toEqual([
      "Input 'command' is 'ship': expected one of auto, deploy, promote, feedback, wait, provision, konan-deploy, konan-promote",
      "Input 'webapp-id' is 'abc': expected a numeric id",
      "Input 'max-archive-size' is 'huge': expected a size such as 100KB, 512MB or 2GB",
      "Input 'wait' is 'yes': expected true or false",
      "Input 'wait-timeout' is '20x': expected a duration such as 30s, 20m or 1h",
    ]);
  });

  it('rejects an api-url that is not http(s)', () => {
    expect(() => readInputs(reader({ 'api-url': 'ftp://x' }), {})).toThrow("Input 'api-url' is 'ftp://x'");
  });

  it('keeps ids as exact strings', () => {
    expect(readInputs(reader({ 'space-id': '1700000000000000123' }), {})['space-id']).toBe('1700000000000000123');
  });
});

describe('checkInputsFor', () => {
  const base = readInputs(reader({ 'api-key': 'k', 'webapp-id': '1' }), {});

  it('needs a web app or a space to deploy, not both', () => {
    expect(() => checkInputsFor('deploy', { ...base, 'webapp-id': undefined })).toThrow("Input 'webapp-id' or 'space-id' is required for command 'deploy'");
    expect(() => checkInputsFor('deploy', { ...base, 'space-id': '2' })).toThrow("'webapp-id' and 'space-id' are both set");
    expect(() => checkInputsFor('deploy', base)).not.toThrow();
  });

  it('needs job-id to wait, and an API key always', () => {
    expect(() => checkInputsFor('wait', base)).toThrow("Input 'job-id' is required for command 'wait'");
    expect(() => checkInputsFor('deploy', { ...base, 'api-key': undefined })).toThrow('KONIGLE_API_KEY');
  });
});

describe('feedback inputs', () => {
  const konan = { 'konan-deployment-id': '6f1c2d3e-4a5b-4c6d-8e7f-901234567890', 'feedback-file': 'f.jsonl' };

  it('parses feedback-fail-on strictly', () => {
    expect(parseFailOn('any')).toEqual({ kind: 'any' });
    expect(parseFailOn('none')).toEqual({ kind: 'none' });
    expect(parseFailOn('5%')).toEqual({ kind: 'rate', percent: 5 });
    expect(parseFailOn('0.5 %')).toEqual({ kind: 'rate', percent: 0.5 });
    expect(['5', 'some', '101%', '-1%'].map(parseFailOn)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('bounds batch size and concurrency, and names them', () => {
    expect(() => readInputs(reader({ 'feedback-batch-size': '0' }), {})).toThrow("Input 'feedback-batch-size' is '0': expected a whole number from 1 to 5000");
    expect(() => readInputs(reader({ 'feedback-concurrency': '2.5' }), {})).toThrow(
      "Input 'feedback-concurrency' is '2.5': expected a whole number from 1 to 16",
    );
    expect(() => readInputs(reader({ 'konan-deployment-id': 'dep-1' }), {})).toThrow("Input 'konan-deployment-id' is 'dep-1': expected a UUID");
  });

  it('feedback needs Konan credentials and a deployment, not a Konigle key', () => {
    expect(() => checkInputsFor('feedback', readInputs(reader({ ...konan, 'konan-api-key': 'k' }), {}))).not.toThrow();
    expect(() => checkInputsFor('feedback', readInputs(reader({ ...konan }), {}))).toThrow("Input 'konan-api-key' (or KONAN_API_KEY");
    expect(() => checkInputsFor('feedback', readInputs(reader({ ...konan, 'konan-email': 'a@b.c' }), {}))).toThrow(
      "'konan-email' and 'konan-password' go together",
    );
    expect(() => checkInputsFor('feedback', readInputs(reader({ 'konan-api-key': 'k', 'feedback-file': 'f' }), {}))).toThrow(
      "'konan-deployment-id' is required",
    );
    expect(readInputs(reader({}), { KONAN_API_KEY: 'env-key' })['konan-api-key']).toBe('env-key');
  });

  it('lists the secrets a fork PR would lack', () => {
    const inputs = readInputs(reader({ ...konan, 'webapp-id': '1' }), {});
    expect(missingSecrets('deploy', inputs)).toEqual(['api-key', 'konan-api-key']);
    expect(missingSecrets('feedback', inputs)).toEqual(['konan-api-key']);
    expect(missingSecrets('promote', inputs)).toEqual(['api-key']);
  });
});

describe('feedback-shard', () => {
  it.each([
    ['1/4', { index: 1, count: 4 }],
    [' 4 / 4 ', { index: 4, count: 4 }],
    ['', undefined],
  ])('%j → %j', (text, shard) => expect(readInputs(reader({ 'feedback-shard': text }), {})['feedback-shard']).toEqual(shard));

  it.each(['0/4', '5/4', '1/0', 'a/b', '2', '1/1001'])('refuses %j, naming the input', (text) => {
    expect(() => readInputs(reader({ 'feedback-shard': text }), {})).toThrow(`Input 'feedback-shard' is '${text}': expected i/n`);
  });
});
