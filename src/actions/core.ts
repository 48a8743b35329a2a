// The slice of @actions/core this action uses, written to the same bytes (test/unit/actions-core.test.ts
// checks each against the library). @actions/core also loads its HTTP client (undici) for OIDC
// tokens we never ask for: about a third of the bundle evaluated at start-up (bench/RESULTS.md).
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { access, appendFile, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { EOL } from 'node:os';

const text = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));
const escapeData = (value: unknown) => text(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (value: unknown) => escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');

function issueCommand(command: string, properties: Record<string, string>, message: unknown): void {
  const props = Object.entries(properties)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
  process.stdout.write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`);
}

/** A `name<<delimiter` block appended to the file a GITHUB_* variable names (outputs, state). */
function issueFileCommand(command: 'OUTPUT' | 'STATE', key: string, value: unknown): void {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) throw new Error(`Unable to find environment variable for file command ${command}`);
  if (!existsSync(filePath)) throw new Error(`Missing file at path: ${filePath}`);
  const delimiter = `ghadelimiter_${randomUUID()}`;
  const converted = text(value);
  if (key.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (converted.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  appendFileSync(filePath, `${key}<<${delimiter}${EOL}${converted}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' });
}

const messageOf = (message: string | Error) => (message instanceof Error ? message.toString() : message);

export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim();
}

export function setOutput(name: string, value: unknown): void {
  if (process.env.GITHUB_OUTPUT) return issueFileCommand('OUTPUT', name, value);
  process.stdout.write(EOL);
  issueCommand('set-output', { name }, text(value));
}

export function saveState(name: string, value: unknown): void {
  if (process.env.GITHUB_STATE) return issueFileCommand('STATE', name, value);
  issueCommand('save-state', { name }, text(value));
}

export function getState(name: string): string {
  return process.env[`STATE_${name}`] || '';
}

export const setSecret = (secret: string) => issueCommand('add-mask', {}, secret);
export const info = (message: string) => process.stdout.write(message + EOL);
export const error = (message: string | Error) => issueCommand('error', {}, messageOf(message));
export const warning = (message: string | Error) => issueCommand('warning', {}, messageOf(message));
export const notice = (message: string | Error) => issueCommand('notice', {}, messageOf(message));
export const startGroup = (name: string) => issueCommand('group', {}, name);
export const endGroup = () => issueCommand('endgroup', {}, '');

export function setFailed(message: string | Error): void {
  process.exitCode = 1;
  error(message);
}

/** The job summary: text gathered, then appended to the file GITHUB_STEP_SUMMARY names. */
class Summary {
  private buffer = '';

  addRaw(raw: string, addEOL = false): this {
    this.buffer += raw + (addEOL ? EOL : '');
    return this;
  }

  async write(options: { overwrite?: boolean } = {}): Promise<this> {
    const filePath = process.env.GITHUB_STEP_SUMMARY;
    if (!filePath) throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
    try {
      await access(filePath, constants.R_OK | constants.W_OK);
    } catch {
      throw new Error(`Unable to access summary file: '${filePath}'. Check if the file has correct read/write permissions.`);
    }
    await (options.overwrite ? writeFile : appendFile)(filePath, this.buffer, { encoding: 'utf8' });
    this.buffer = '';
    return this;
  }
}

export const summary = new Summary();
