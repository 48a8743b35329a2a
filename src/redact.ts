// The one redactor: every secret this run knows (credential inputs and every token derived from
// them) is replaced by `***` wherever it shows, in its raw form and in the forms that JSON,
// markdown, HTML or URL encoding turn it into, so masking exact strings is not our only defence.
// It runs over the result before any reporter sees it and over everything the action prints.
import * as core from './actions/core.js';
import { inlineForm } from './report/escape.js';

const REDACTED = '***';
/** Shorter values (an empty input, `true`) would blank out ordinary text: the runner still masks them. */
const MIN_LENGTH = 4;

const secrets = new Set<string>();
let pattern: RegExp | undefined;

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** The forms a secret takes after the encodings our own output (or a server's echo of a request) applies. */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const markdown = secret.replace(PUNCTUATION, (c) => `\\${c}`);
  const forms = [
    secret,
    json,
    JSON.stringify(json).slice(1, -1),
    markdown,
    secret.replace(/[\\`*_[\]~]/g, (c) => `\\${c}`),
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
    secret.replace(PUNCTUATION, (c) => `&#${c.charCodeAt(0)};`),
    secret.replace(/@/g, '&#64;'),
    secret.replace(/@/g, '@\u200B'),
    // The comment's and summary's inline form (src/report/escape.ts).
    inlineForm(secret),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    encodeURI(secret),
    // @actions/core's own escaping of command data (% CR LF).
    secret.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'),
  ];
  return [...new Set(forms)].filter((f) => f.length >= MIN_LENGTH);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function rebuild(): void {
  const forms = [...new Set([...secrets].flatMap(secretForms))].sort((a, b) => b.length - a.length);
  pattern = forms.length ? new RegExp(forms.map(escapeRegExp).join('|'), 'g') : undefined;
}

/**
 * Registers a secret: masked by the runner (core.setSecret) and redacted by redact(). Each line of a
 * multi-line secret is registered too, since the runner and our log lines see them one at a time.
 */
export function addSecret(value: string | undefined | null): void {
  if (typeof value !== 'string' || value.trim() === '') return;
  core.setSecret(value);
  const parts = [value, ...(value.includes('\n') ? value.split(/\r?\n/).map((l) => l.trim()) : [])];
  let added = false;
  for (const part of parts) {
    if (part.length < MIN_LENGTH || secrets.has(part)) continue;
    secrets.add(part);
    added = true;
  }
  if (added) rebuild();
}

/** Text with every known secret, in any of its forms, replaced by `***`. */
export function redact(text: string): string {
  return pattern && text ? text.replace(pattern, REDACTED) : text;
}

/** A deep copy of a JSON-like value with every string (keys too) redacted. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => redactDeep(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [redact(k), redactDeep(v)])) as T;
  }
  return value;
}

/** An error's message, redacted: what may be logged or reported of any error. */
export function redactedMessage(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error));
}

let guarded = false;

/**
 * Redacts everything this process writes to stdout and stderr (each chunk, as @actions/core writes
 * whole lines), except the runner's own `::add-mask::` registrations. A message built by any module
 * that forgot to redact still cannot print a secret.
 */
export function guardOutput(): void {
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = (chunk: unknown, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
      if (text === undefined) return write(chunk, ...rest);
      const lines = neutraliseInnerCommands(text).split('\n');
      const safe = pattern ? lines.map((line) => (line.startsWith('::add-mask::') ? line : redact(line))).join('\n') : lines.join('\n');
      return write(safe, ...rest);
    };
  }
}

/**
 * Our own workflow commands are written one per write, their data escaped by @actions/core, so a
 * line *inside* a write that starts with `::` came from outside text printed with core.info (a server
 * message with a newline in it). A zero-width space before the `::` keeps the runner from reading
 * it as a command (it trims whitespace, and U+200B is not whitespace) without changing what people see.
 */
function neutraliseInnerCommands(text: string): string {
  return text.replace(/([\r\n\u2028\u2029][ \t]*)::/g, '$1\u200B::');
}

/** For tests: forget every secret. */
export function clearSecrets(): void {
  secrets.clear();
  pattern = undefined;
}
