// The one typed accessor for every action input. Each input is read once, with its
// design default applied when empty, parsed by a zod schema, and every problem is
// reported together, naming the input and what it accepts, before any remote call.
import * as core from '@actions/core';
import { z } from 'zod';
import { parseShard } from './feedback/shard.js';
import { parseBoolean, parseDuration, parseSize } from './units.js';

export const COMMANDS = ['auto', 'deploy', 'promote', 'feedback', 'wait', 'provision', 'konan-deploy', 'konan-promote'] as const;
export type Command = (typeof COMMANDS)[number];

function custom<T>(parse: (text: string) => T | undefined, expected: string) {
  return z.string().transform((text, ctx) => {
    const value = parse(text);
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected ${expected}` });
      return z.NEVER;
    }
    return value;
  });
}

const text = z.string();
const optionalText = z.string().transform((s) => (s === '' ? undefined : s));
const bool = custom(parseBoolean, 'true or false');
const duration = custom(parseDuration, 'a duration such as 30s, 20m or 1h');
const size = custom(parseSize, 'a size such as 100KB, 512MB or 2GB');
const lines = z.string().transform((s) =>
  s.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== ''),
);
const snowflake = z
  .string()
  .transform((s) => (s === '' ? undefined : s))
  .refine((s) => s === undefined || /^\d+$/.test(s), 'expected a numeric id');
const jobId = optionalText.refine(
  (s) => s === undefined || /^[A-Za-z0-9-]{1,64}$/.test(s),
  'expected a Job id (a UUID)',
);
const fieldName = text.refine((s) => /^[A-Za-z0-9_.[\]-]{1,100}$/.test(s), 'expected a form field name such as file');
const count = (min: number, max: number) =>
  custom((s) => (/^\d+$/.test(s) && Number(s) >= min && Number(s) <= max ? Number(s) : undefined), `a whole number from ${min} to ${max}`);
const uuid = optionalText.refine((s) => s === undefined || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s), 'expected a UUID');

/** `any`, `none`, or the share of rows not accepted that fails the step, e.g. `5%`. */
export type FailOn = { kind: 'any' } | { kind: 'none' } | { kind: 'rate'; percent: number };
export function parseFailOn(text: string): FailOn | undefined {
  if (text === 'any' || text === 'none') return { kind: text };
  const match = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  return match && Number(match[1]) <= 100 ? { kind: 'rate', percent: Number(match[1]) } : undefined;
}

const oneOf = <T extends string>(values: readonly T[]) =>
  text.refine((s): s is T => (values as readonly string[]).includes(s), `expected one of ${values.join(', ')}`) as unknown as z.ZodType<T, string>;

interface InputSpec {
  schema: z.ZodType<unknown, string>;
  /** Used when the input is empty (GitHub fills action.yml defaults, but local runs may not). */
  default?: string;
  /** Environment variable read when the input is empty. */
  env?: string;
  /** Masked as soon as it is read; never echoed in an error. */
  secret?: boolean;
}

const SPECS = {
  command: { schema: oneOf(COMMANDS), default: 'auto' },
  'api-key': { schema: optionalText, env: 'KONIGLE_API_KEY', secret: true },
  'api-url': { schema: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }), default: 'https://tim.konigle.com' },
  'webapp-id': { schema: snowflake },
  'space-id': { schema: snowflake },
  path: { schema: text, default: '.' },
  exclude: { schema: lines },
  'ignore-file': { schema: text, default: '.konigleignore' },
  'max-archive-size': { schema: size, default: '512MB' },
  'upload-field': { schema: fieldName, default: 'file' },
  'display-name': { schema: optionalText },
  wait: { schema: bool, default: 'true' },
  'wait-timeout': { schema: duration, default: '20m' },
  'poll-interval': { schema: duration, default: '3s' },
  'job-id': { schema: jobId },
  promote: { schema: bool, default: 'false' },
  'promote-guard': { schema: oneOf(['commit', 'off'] as const), default: 'commit' },
  'github-token': { schema: optionalText, secret: true },
  comment: { schema: bool, default: 'true' },
  'comment-key': { schema: optionalText.refine((s) => s === undefined || s.length <= 100, 'expected at most 100 characters') },
  'job-summary': { schema: bool, default: 'true' },
  'github-deployment': { schema: bool, default: 'true' },
  'dry-run': { schema: bool, default: 'false' },
  'konan-api-key': { schema: optionalText, env: 'KONAN_API_KEY', secret: true },
  'konan-email': { schema: optionalText, secret: true },
  'konan-password': { schema: optionalText, secret: true },
  'konan-api-url': { schema: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }), default: 'https://api.konan.ai' },
  'konan-auth-url': { schema: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }), default: 'https://auth.konan.ai' },
  'konan-deployment-id': { schema: uuid },
  'feedback-file': { schema: optionalText },
  'feedback-format': { schema: oneOf(['auto', 'json', 'jsonl', 'csv'] as const), default: 'auto' },
  'feedback-batch-size': { schema: count(1, 5000), default: '500' },
  'feedback-concurrency': { schema: count(1, 16), default: '4' },
  'feedback-fail-on': { schema: custom(parseFailOn, 'any, none, or a rate such as 5%'), default: 'any' },
  'feedback-report': { schema: optionalText },
  'feedback-shard': { schema: custom((s) => (s === '' ? null : parseShard(s)), 'i/n, shard i (from 1) of n, such as 2/4 (n at most 1000)').transform((v) => v ?? undefined) },
  'allow-fork-deploy': { schema: bool, default: 'false' },
  'uat-environment': { schema: text, default: 'uat' },
  'production-environment': { schema: text, default: 'production' },
  'computer-name': { schema: optionalText },
  'computer-display-name': { schema: optionalText },
  'computer-size': { schema: optionalText },
  'computer-region': { schema: optionalText },
  'webapp-name': { schema: optionalText },
  runtime: { schema: optionalText },
  'web-server': { schema: text, default: 'nginx' },
  database: { schema: optionalText },
  cache: { schema: optionalText },
  'konan-deployment-name': { schema: optionalText },
  'konan-model-name': { schema: optionalText },
  'konan-image-url': { schema: optionalText },
  'konan-exposed-port': { schema: optionalText },
  'konan-docker-username': { schema: optionalText },
  'konan-docker-password': { schema: optionalText, secret: true },
  'konan-model-id': { schema: optionalText },
  'konan-smoke-input': { schema: optionalText },
  'konan-evaluate-window': { schema: optionalText },
  'konan-evaluate-start': { schema: optionalText },
  'konan-evaluate-end': { schema: optionalText },
} satisfies Record<string, InputSpec>;

type Specs = typeof SPECS;
export type InputName = keyof Specs;
export type Inputs = { [K in InputName]: z.output<Specs[K]['schema']> };
export const INPUT_NAMES = Object.keys(SPECS) as InputName[];

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? problems[0]
        : `${problems.length} inputs are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'InputError';
  }
}

export type InputReader = (name: string) => string;
const actionsReader: InputReader = (name) => core.getInput(name);

/** Reads and validates every input; throws one InputError listing all problems. */
export function readInputs(read: InputReader = actionsReader, env: NodeJS.ProcessEnv = process.env): Inputs {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const name of INPUT_NAMES) {
    const spec: InputSpec = SPECS[name];
    let raw = read(name).trim();
    if (raw === '' && spec.env) raw = (env[spec.env] ?? '').trim();
    if (raw === '' && spec.default !== undefined) raw = spec.default;
    if (spec.secret && raw !== '') core.setSecret(raw);
    const parsed = spec.schema.safeParse(raw);
    if (parsed.success) {
      values[name] = parsed.data;
    } else {
      const shown = spec.secret ? '' : ` is '${raw}'`;
      problems.push(`Input '${name}'${shown}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    }
  }
  if (problems.length) throw new InputError(problems);
  return values as Inputs;
}

/** Cross-input rules that depend on the command actually being run. */
export function checkInputsFor(command: Exclude<Command, 'auto'>, inputs: Inputs): void {
  const problems: string[] = [];
  const needsSpace = command === 'deploy' || command === 'promote';
  if (needsSpace && !inputs['webapp-id'] && !inputs['space-id']) {
    problems.push(`Input 'webapp-id' or 'space-id' is required for command '${command}'`);
  }
  if (inputs['webapp-id'] && inputs['space-id']) {
    problems.push("Inputs 'webapp-id' and 'space-id' are both set: set only one (space-id names the uat Space directly)");
  }
  if (command === 'wait' && !inputs['job-id']) {
    problems.push("Input 'job-id' is required for command 'wait'");
  }
  if (command === 'deploy' && inputs.promote && !inputs.wait) {
    problems.push("Input 'promote' is true but 'wait' is false: a deploy can only be promoted once its Job has succeeded");
  }
  if (command !== 'feedback' && !inputs['api-key']) {
    problems.push("Input 'api-key' is required (or set the KONIGLE_API_KEY environment variable)");
  }
  if (command === 'feedback' && !inputs['feedback-file']) {
    problems.push("Input 'feedback-file' is required for command 'feedback'");
  }
  if (sendsFeedback(command, inputs)) {
    if (!inputs['konan-deployment-id']) problems.push("Input 'konan-deployment-id' is required to send feedback");
    if (Boolean(inputs['konan-email']) !== Boolean(inputs['konan-password'])) {
      problems.push("Inputs 'konan-email' and 'konan-password' go together: set both, or use 'konan-api-key'");
    } else if (!inputs['konan-api-key'] && !inputs['konan-email']) {
      problems.push("Input 'konan-api-key' (or KONAN_API_KEY, or konan-email with konan-password) is required to send feedback");
    }
  }
  if (problems.length) throw new InputError(problems);
}

export function sendsFeedback(command: Exclude<Command, 'auto'>, inputs: Inputs): boolean {
  return command === 'feedback' || (command === 'deploy' && Boolean(inputs['feedback-file']));
}

/** The secrets a command needs, by input name: absent on a fork PR, the run is skipped. */
export function missingSecrets(command: Exclude<Command, 'auto'>, inputs: Inputs): string[] {
  const missing: string[] = [];
  if (command !== 'feedback' && !inputs['api-key']) missing.push('api-key');
  if (sendsFeedback(command, inputs) && !inputs['konan-api-key'] && !inputs['konan-password']) missing.push('konan-api-key');
  return missing;
}
