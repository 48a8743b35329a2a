// The one typed accessor for every action input. Each input is read once, with its
// design default applied when empty, parsed by a zod schema, and every problem is
// reported together, naming the input and what it accepts, before any remote call.
import * as core from './actions/core.js';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { addSecret } from './redact.js';
import { parseIsoTime, parseWindow, resolveWindow } from './konan/time.js';
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
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== ''),
);
const snowflake = z
  .string()
  .transform((s) => (s === '' ? undefined : s))
  .refine((s) => s === undefined || /^\d+$/.test(s), 'expected a numeric id');
const jobId = optionalText.refine((s) => s === undefined || /^[A-Za-z0-9-]{1,64}$/.test(s), 'expected a Job id (a UUID)');
const fieldName = text.refine((s) => /^[A-Za-z0-9_.[\]-]{1,100}$/.test(s), 'expected a form field name such as file');
const count = (min: number, max: number) =>
  custom((s) => (/^\d+$/.test(s) && Number(s) >= min && Number(s) <= max ? Number(s) : undefined), `a whole number from ${min} to ${max}`);
// Accepted in any case, sent in lower case: Django's <uuid:> path converter matches lower case only.
const uuid = optionalText
  .refine((s) => s === undefined || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s), 'expected a UUID')
  .transform((s) => s?.toLowerCase());

/** Loopback hosts (the emulator, a local proxy): the only ones a credential may be sent to over plain http. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** An API base the key is sent to: https, or http on a loopback address only. */
const apiUrl = z.string().transform((s, ctx) => {
  let url: URL | undefined;
  try {
    url = new URL(s);
  } catch {
    url = undefined;
  }
  const ok = url && (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname)));
  if (!ok) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected an https:// URL (plain http:// only for a loopback address such as 127.0.0.1): the credentials are sent to it',
    });
    return z.NEVER;
  }
  return s;
});

/** Like custom(), for an input that may stay empty (undefined then). */
function optionalCustom<T>(parse: (text: string) => T | undefined, expected: string) {
  return z.string().transform((text, ctx) => {
    if (text === '') return undefined;
    const value = parse(text);
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected ${expected}` });
      return z.NEVER;
    }
    return value;
  });
}

/** A JSON object (the smoke prediction's input), not an array or a scalar. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A Docker image reference as `docker pull` takes it: no scheme, no spaces. */
export function parseImageRef(text: string): string | undefined {
  return /^[A-Za-z0-9][\w.:/@+-]*$/.test(text) && !text.includes('://') && text.length <= 500 ? text : undefined;
}

/** `any`, `none`, or the share of rows not accepted that fails the step, e.g. `5%`. */
export type FailOn = { kind: 'any' } | { kind: 'none' } | { kind: 'rate'; percent: number };
export function parseFailOn(text: string): FailOn | undefined {
  if (text === 'any' || text === 'none') return { kind: text };
  const match = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  return match && Number(match[1]) <= 100 ? { kind: 'rate', percent: Number(match[1]) } : undefined;
}

const oneOf = <T extends string>(values: readonly T[]) =>
  text.refine((s): s is T => (values as readonly string[]).includes(s), `expected one of ${values.join(', ')}`) as unknown as z.ZodType<T, string>;
/** Empty (not set), or one of the values. */
const optionalOneOf = <T extends string>(values: readonly T[], expected = `one of ${values.join(', ')}`) =>
  optionalText.refine((s) => s === undefined || (values as readonly string[]).includes(s), `expected ${expected}`) as unknown as z.ZodType<
    T | undefined,
    string
  >;
/** Django's SlugField rule: the names Konigle finds Computers and WebApps by. */
const slug = optionalText.refine((s) => s === undefined || /^[-a-zA-Z0-9_]{1,100}$/.test(s), 'expected a slug (letters, digits, - and _; at most 100)');

export const COMPUTER_SIZES = ['S', 'M', 'L'] as const;
export const RUNTIMES = ['python3', 'nodejs'] as const;

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
  'api-url': { schema: apiUrl, default: 'https://tim.konigle.com' },
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
  'konan-api-url': { schema: apiUrl, default: 'https://api.konan.ai' },
  'konan-auth-url': { schema: apiUrl, default: 'https://auth.konan.ai' },
  'konan-deployment-id': { schema: uuid },
  'feedback-file': { schema: optionalText },
  'feedback-format': { schema: oneOf(['auto', 'json', 'jsonl', 'csv'] as const), default: 'auto' },
  'feedback-batch-size': { schema: count(1, 5000), default: '500' },
  'feedback-concurrency': { schema: count(1, 16), default: '4' },
  'feedback-fail-on': { schema: custom(parseFailOn, 'any, none, or a rate such as 5%'), default: 'any' },
  'feedback-report': { schema: optionalText },
  'feedback-shard': { schema: optionalCustom(parseShard, 'i/n, shard i (from 1) of n, such as 2/4 (n at most 1000)') },
  'allow-fork-deploy': { schema: bool, default: 'false' },
  'uat-environment': { schema: text, default: 'uat' },
  'production-environment': { schema: text, default: 'production' },
  'computer-name': { schema: slug },
  'computer-display-name': { schema: optionalText.refine((s) => s === undefined || s.length <= 100, 'expected at most 100 characters') },
  'computer-size': { schema: optionalOneOf(COMPUTER_SIZES, 'S (2GB/1vCPU), M (4GB/2vCPU) or L (8GB/4vCPU)') },
  'computer-region': { schema: optionalText.refine((s) => s === undefined || /^[a-z0-9-]{1,50}$/.test(s), 'expected a region slug such as nyc3') },
  'webapp-name': { schema: slug },
  runtime: { schema: optionalOneOf(RUNTIMES) },
  'web-server': { schema: text.refine((s) => /^[a-z0-9_-]{1,50}$/.test(s), 'expected a web server type such as nginx'), default: 'nginx' },
  database: { schema: optionalOneOf(['postgres'] as const, 'postgres, or empty for none') },
  cache: { schema: optionalOneOf(['redis'] as const, 'redis, or empty for none') },
  'konan-deployment-name': { schema: optionalText },
  'konan-model-name': { schema: optionalText },
  'konan-image-url': { schema: optionalCustom(parseImageRef, 'a Docker image reference such as registry.example.com/team/model:1.4 (no https://)') },
  'konan-exposed-port': {
    schema: optionalCustom((s) => (/^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 65535 ? Number(s) : undefined), 'a port number from 1 to 65535'),
  },
  'konan-docker-username': { schema: optionalText },
  'konan-docker-password': { schema: optionalText, secret: true },
  'konan-model-id': { schema: uuid },
  'konan-smoke-input': { schema: optionalCustom(parseJsonObject, 'a JSON object such as {"age": 42}') },
  'konan-evaluate-window': { schema: optionalCustom(parseWindow, 'a window such as 30m, 12h, 7d or 2w') },
  'konan-evaluate-start': { schema: optionalCustom(parseIsoTime, 'an ISO 8601 time such as 2026-11-01T00:00:00Z (without an offset: UTC)') },
  'konan-evaluate-end': { schema: optionalCustom(parseIsoTime, 'an ISO 8601 time such as 2026-11-08T00:00:00Z (without an offset: UTC)') },
} satisfies Record<string, InputSpec>;

type Specs = typeof SPECS;
export type InputName = keyof Specs;
export type Inputs = { [K in InputName]: z.output<Specs[K]['schema']> };
export const INPUT_NAMES = Object.keys(SPECS) as InputName[];

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} inputs are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
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
    if (spec.secret) addSecret(raw);
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

/**
 * Why `path` leaves the workspace (`..`, an absolute path elsewhere, a symlink out of it), or
 * undefined when it stays inside: only the checked-out code may be packaged.
 */
export function pathOutsideWorkspace(workspace: string, relative: string): string | undefined {
  const root = path.resolve(workspace);
  const target = path.resolve(root, relative);
  const inside = (from: string, to: string) => {
    const rel = path.relative(from, to);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  if (!inside(root, target)) return `it resolves to ${target}, outside the workspace ${root}`;
  try {
    const real = realpathSync(target);
    if (!inside(realpathSync(root), real)) return `it leads through a symlink to ${real}, outside the workspace ${root}`;
  } catch {
    // A missing folder is reported when packaging, with its own message.
  }
  return undefined;
}

/** Cross-input rules that depend on the command actually being run. */
export function checkInputsFor(command: Exclude<Command, 'auto'>, inputs: Inputs, workspace = process.env.GITHUB_WORKSPACE || process.cwd()): void {
  const problems: string[] = [];
  const outside = command === 'deploy' ? pathOutsideWorkspace(workspace, inputs.path) : undefined;
  if (outside) problems.push(`Input 'path' is '${inputs.path}': ${outside}. Only the workspace may be packaged`);
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
  if (usesKonigle(command) && !inputs['api-key']) {
    problems.push("Input 'api-key' is required (or set the KONIGLE_API_KEY environment variable)");
  }
  if (command === 'provision') {
    for (const name of ['computer-name', 'computer-size', 'computer-region', 'webapp-name', 'runtime'] as const) {
      if (!inputs[name]) problems.push(`Input '${name}' is required for command 'provision'`);
    }
    if (!inputs.wait)
      problems.push("Input 'wait' is false, but command 'provision' waits for the Computer before it can create the WebApp on it: leave 'wait' at true");
  }
  if (command === 'feedback' && !inputs['feedback-file'] && !evaluates(command, inputs)) {
    problems.push("Input 'feedback-file' (or 'konan-evaluate-window', or 'konan-evaluate-start') is required for command 'feedback'");
  }
  try {
    resolveWindow({ window: inputs['konan-evaluate-window'], start: inputs['konan-evaluate-start'], end: inputs['konan-evaluate-end'] });
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (evaluateWindowSet(inputs) && !evaluates(command, inputs)) {
    problems.push(
      `Input 'konan-evaluate-window' (or start/end) is set, but command '${command}' sends no feedback to evaluate after: use it with 'feedback-file', or in a 'feedback' run`,
    );
  }
  problems.push(...konanReleaseProblems(command, inputs));
  if (usesKonan(command, inputs)) {
    const purpose =
      command === 'konan-deploy' || command === 'konan-promote'
        ? `for command '${command}'`
        : evaluates(command, inputs) && !sendsFeedback(command, inputs)
          ? 'to evaluate metrics'
          : 'to send feedback';
    if (!inputs['konan-deployment-id'] && command !== 'konan-deploy') problems.push(`Input 'konan-deployment-id' is required ${purpose}`);
    if (Boolean(inputs['konan-email']) !== Boolean(inputs['konan-password'])) {
      problems.push("Inputs 'konan-email' and 'konan-password' go together: set both, or use 'konan-api-key'");
    } else if (!inputs['konan-api-key'] && !inputs['konan-email']) {
      problems.push(`Input 'konan-api-key' (or KONAN_API_KEY, or konan-email with konan-password) is required ${purpose}`);
    }
  }
  if (problems.length) throw new InputError(problems);
}

export function sendsFeedback(command: Exclude<Command, 'auto'>, inputs: Inputs): boolean {
  return (command === 'feedback' || command === 'deploy') && Boolean(inputs['feedback-file']);
}

const evaluateWindowSet = (inputs: Inputs) =>
  inputs['konan-evaluate-window'] !== undefined || inputs['konan-evaluate-start'] !== undefined || inputs['konan-evaluate-end'] !== undefined;

/** Metrics are evaluated after feedback (deploy, feedback) when a window is set. */
export function evaluates(command: Exclude<Command, 'auto'>, inputs: Inputs): boolean {
  return evaluateWindowSet(inputs) && (command === 'feedback' || (command === 'deploy' && Boolean(inputs['feedback-file'])));
}

const KONAN_ONLY: readonly string[] = ['feedback', 'konan-deploy', 'konan-promote'];

/** Commands that talk to Konigle (and need its api-key). */
export function usesKonigle(command: Exclude<Command, 'auto'>): boolean {
  return !KONAN_ONLY.includes(command);
}

export function usesKonan(command: Exclude<Command, 'auto'>, inputs: Inputs): boolean {
  return command === 'konan-deploy' || command === 'konan-promote' || sendsFeedback(command, inputs) || evaluates(command, inputs);
}

/** konan-deploy needs an image and a port (or, with konan-deployment-id, at least a smoke input); creating needs a name. */
function konanReleaseProblems(command: Exclude<Command, 'auto'>, inputs: Inputs): string[] {
  const problems: string[] = [];
  if (command === 'konan-deploy') {
    const image = inputs['konan-image-url'];
    const id = inputs['konan-deployment-id'];
    if (!image && !id)
      problems.push(
        "Input 'konan-image-url' is required for command 'konan-deploy' (or 'konan-deployment-id' with 'konan-smoke-input' for a smoke prediction alone)",
      );
    if (!image && id && !inputs['konan-smoke-input'])
      problems.push(
        "Input 'konan-image-url' (to add a challenger model) or 'konan-smoke-input' (to predict once) is required for command 'konan-deploy' with 'konan-deployment-id'",
      );
    if (image && inputs['konan-exposed-port'] === undefined) problems.push("Input 'konan-exposed-port' is required with 'konan-image-url'");
    if (image && !id && !inputs['konan-deployment-name'])
      problems.push(
        "Input 'konan-deployment-name' is required to create a Konan deployment (or set 'konan-deployment-id' to add the image to one as a challenger)",
      );
    if (image && id && !inputs['konan-model-name'] && !inputs['konan-deployment-name'])
      problems.push("Input 'konan-model-name' is required to add a challenger model to 'konan-deployment-id'");
    if (Boolean(inputs['konan-docker-username']) !== Boolean(inputs['konan-docker-password']))
      problems.push("Inputs 'konan-docker-username' and 'konan-docker-password' go together: set both, or neither for a public image");
  }
  if (command !== 'konan-promote' && inputs['konan-model-id']) {
    problems.push(`Input 'konan-model-id' is only used by command 'konan-promote', not '${command}'`);
  }
  return problems;
}

/** The secrets a command needs, by input name: absent on a fork PR, the run is skipped. */
export function missingSecrets(command: Exclude<Command, 'auto'>, inputs: Inputs): string[] {
  const missing: string[] = [];
  if (usesKonigle(command) && !inputs['api-key']) missing.push('api-key');
  if (usesKonan(command, inputs) && !inputs['konan-api-key'] && !inputs['konan-password']) missing.push('konan-api-key');
  return missing;
}
