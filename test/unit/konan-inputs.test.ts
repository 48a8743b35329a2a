// The inputs of the Konan release commands: schemas and the rules that depend on the command.
import { describe, expect, it } from '@jest/globals';
import { checkInputsFor, evaluates, missingSecrets, readInputs, sendsFeedback } from '../../src/inputs.js';

const DEP = '6f1c2d3e-4a5b-4c6d-8e7f-901234567890';
const read = (values: Record<string, string>) => readInputs((name) => values[name] ?? '', {});
const problems = (command: Parameters<typeof checkInputsFor>[0], values: Record<string, string>) => {
  try {
    checkInputsFor(command, read(values));
    return [];
  } catch (error) {
    return (error as { problems: string[] }).problems;
  }
};

describe('Konan release inputs', () => {
  it('parses the port, the smoke input, the window and the times', () => {
    const inputs = read({
      'konan-exposed-port': '8080',
      'konan-smoke-input': '{"a": [1]}',
      'konan-evaluate-window': '7d',
      'konan-evaluate-end': '2026-11-08T00:00:00+01:00',
    });
    expect(inputs['konan-exposed-port']).toBe(8080);
    expect(inputs['konan-smoke-input']).toEqual({ a: [1] });
    expect(inputs['konan-evaluate-window']).toBe(7 * 86_400_000);
    expect(inputs['konan-evaluate-end']).toBe(Date.UTC(2026, 10, 7, 23));
    expect(read({})['konan-smoke-input']).toBeUndefined();
  });

  it('names each bad value', () => {
    expect(() =>
      read({
        'konan-exposed-port': '0',
        'konan-smoke-input': '"x"',
        'konan-evaluate-window': 'a week',
        'konan-evaluate-start': 'monday',
        'konan-model-id': 'v2',
        'konan-image-url': 'http://x/y',
      }),
    ).toThrow(/konan-image-url.*\n.*konan-exposed-port.*\n.*konan-model-id.*\n.*konan-smoke-input.*\n.*konan-evaluate-window.*\n.*konan-evaluate-start/);
  });

  it('needs Konan credentials, not Konigle ones, for the Konan commands', () => {
    const base = { 'konan-deployment-id': DEP, 'konan-smoke-input': '{}' };
    expect(problems('konan-deploy', { ...base, 'konan-api-key': 'k' })).toEqual([]);
    expect(problems('konan-deploy', base)).toEqual([
      "Input 'konan-api-key' (or KONAN_API_KEY, or konan-email with konan-password) is required for command 'konan-deploy'",
    ]);
    expect(missingSecrets('konan-promote', read(base))).toEqual(['konan-api-key']);
  });

  it('wants an image with its port, and a name to create a deployment', () => {
    const key = { 'konan-api-key': 'k' };
    expect(problems('konan-deploy', key)[0]).toContain("Input 'konan-image-url' is required for command 'konan-deploy'");
    expect(problems('konan-deploy', { ...key, 'konan-image-url': 'acme/churn:1' })).toEqual([
      "Input 'konan-exposed-port' is required with 'konan-image-url'",
      "Input 'konan-deployment-name' is required to create a Konan deployment (or set 'konan-deployment-id' to add the image to one as a challenger)",
    ]);
    expect(problems('konan-deploy', { ...key, 'konan-deployment-id': DEP })[0]).toContain("'konan-smoke-input' (to predict once)");
    expect(
      problems('konan-deploy', {
        ...key,
        'konan-deployment-id': DEP,
        'konan-image-url': 'acme/churn:2',
        'konan-exposed-port': '80',
        'konan-model-name': 'v2',
        'konan-docker-password': 'p',
      }),
    ).toEqual(["Inputs 'konan-docker-username' and 'konan-docker-password' go together: set both, or neither for a public image"]);
    expect(problems('konan-promote', key)).toEqual(["Input 'konan-deployment-id' is required for command 'konan-promote'"]);
  });

  it('lets a feedback run without a file evaluate metrics', () => {
    const values = { 'konan-api-key': 'k', 'konan-deployment-id': DEP, 'konan-evaluate-window': '1d' };
    expect(problems('feedback', values)).toEqual([]);
    expect(evaluates('feedback', read(values))).toBe(true);
    expect(sendsFeedback('feedback', read(values))).toBe(false);
    expect(problems('feedback', { 'konan-api-key': 'k', 'konan-deployment-id': DEP })).toEqual([
      "Input 'feedback-file' (or 'konan-evaluate-window', or 'konan-evaluate-start') is required for command 'feedback'",
    ]);
    expect(problems('konan-promote', { ...values })).toEqual([
      "Input 'konan-evaluate-window' (or start/end) is set, but command 'konan-promote' sends no feedback to evaluate after: use it with 'feedback-file', or in a 'feedback' run",
    ]);
    expect(problems('feedback', { ...values, 'konan-evaluate-start': '2026-11-01' })).toEqual([
      "Inputs 'konan-evaluate-window' and 'konan-evaluate-start'/'konan-evaluate-end' are both set: use one or the other",
    ]);
  });
});
