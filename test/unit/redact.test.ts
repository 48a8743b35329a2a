import { afterEach, describe, expect, it } from '@jest/globals';
import { addSecret, clearSecrets, redact, redactDeep, secretForms } from '../../src/redact.js';
import { escapeText } from '../../src/report/escape.js';

const KEY = 'kk_test_9f8e7d6c5b4a39281706';
const PASSWORD = 'p"a\\ss_w@rd&<1>%';

afterEach(() => clearSecrets());

describe('redact', () => {
  it('replaces a secret in its raw form', () => {
    addSecret(KEY);
    expect(redact(`Invalid token ${KEY}.`)).toBe('Invalid token ***.');
  });

  it.each([
    ['JSON-escaped', (s: string) => JSON.stringify(s)],
    ['JSON-escaped twice', (s: string) => JSON.stringify(JSON.stringify({ password: s }))],
    ['markdown-escaped', (s: string) => s.replace(/[\\`*_[\]~]/g, (c) => `\\${c}`)],
    ['HTML-escaped', (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')],
    ['URL-encoded', (s: string) => encodeURIComponent(s)],
    ['mention-proofed', (s: string) => s.replace(/@/g, '@\u200B')],
  ])('replaces a secret %s', (_, encode) => {
    addSecret(PASSWORD);
    addSecret(KEY);
    const text = `body: ${encode(PASSWORD)} and ${encode(KEY)}`;
    const out = redact(text);
    expect(out).not.toContain(encode(PASSWORD));
    expect(out).not.toContain(encode(KEY));
    expect(out).toContain('***');
  });

  it('leaves text without secrets and ignores values too short to be one', () => {
    addSecret('');
    addSecret('ab');
    expect(redact('a bag of ab')).toBe('a bag of ab');
  });

  it('redacts each line of a multi-line secret', () => {
    addSecret('-----BEGIN KEY-----\nAAAAsecretline\n-----END KEY-----');
    expect(redact('printed: AAAAsecretline')).toBe('printed: ***');
  });

  it('redacts every string of a result, keys included, and leaves the original alone', () => {
    addSecret(KEY);
    const result = { message: `401 for ${KEY}`, stages: { wait: { logTail: ['ok', `env KEY=${KEY}`], status: 'failure', n: 3 } }, [KEY]: true };
    const shown = redactDeep(result);
    expect(JSON.stringify(shown)).not.toContain(KEY);
    expect(shown.stages.wait.n).toBe(3);
    expect(result.message).toContain(KEY);
  });

  it('knows the forms our own escaping produces', () => {
    expect(secretForms(KEY)).toContain(escapeText(KEY));
    expect(secretForms('ops@acme.io')).toContain(escapeText('ops@acme.io'));
    expect(secretForms(PASSWORD)).toContain(escapeText(PASSWORD));
  });
});
