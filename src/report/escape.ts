// The one escaping helper for outside text (server messages, ids, log lines, branch and file names)
// in the PR comment and the job summary. Whatever the text, it cannot close a table cell, open or
// close an HTML block, add our hidden marker, format itself, or mention anyone. GitHub links
// mentions after markdown and entity decoding, so `\@x`, `&#64;x` and `&commat;x` would still ping:
// a zero-width space (U+200B) after each `@` is what stops it, in code as in text.

const ZWSP = '\u200B';
const LINE_MAX = 400;

export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** `@` followed by a zero-width space: shown the same, never a mention or a team ping. */
const noMentions = (text: string) => text.replace(/@/g, `@${ZWSP}`);

/** The longest outside text shown inline; longer is clipped. */
export const TEXT_MAX = 3_000;

/** What escapeText makes of a text, unclipped (the redactor also looks for secrets in this form). */
export function inlineForm(text: string): string {
  return noMentions(
    text
      .replace(/[\\`*_[\]~]/g, (c) => `\\${c}`)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\|/g, '&#124;')
      .replace(/\r\n|[\r\n\u2028\u2029]/g, ' '),
  );
}

/** Inline text for a table cell, a list item or a paragraph: one line, no HTML, no markdown syntax. */
export function escapeText(text: string, max = TEXT_MAX): string {
  return inlineForm(clip(String(text), max));
}

/** Text inside an HTML element such as `<summary>`, where backslash escapes would show literally. */
export function escapeHtml(text: string, max = 300): string {
  return noMentions(
    clip(String(text), max)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/\|/g, '&#124;')
      .replace(/\r\n|[\r\n\u2028\u2029]/g, ' '),
  );
}

const PLAIN_ID = /^[A-Za-z0-9._:/+=-]{1,200}$/;

/** An id, hash or path shown as code when it is plainly one; anything else as escaped text. */
export function code(text: string): string {
  const value = String(text);
  return PLAIN_ID.test(value) ? `\`${value}\`` : escapeText(value, 200);
}

/** A line for a fenced block: no marker (`<!--` is broken by a zero-width space), no mention. */
function fenceLine(line: string): string {
  return noMentions(clip(line.replace(/\r/g, ''), LINE_MAX)).replace(/<!--/g, `<!${ZWSP}--`);
}

/** A fenced block that no line inside can close: the fence is longer than any backtick run. */
export function fenced(lines: readonly string[]): string {
  const text = lines
    .flatMap((l) => l.split('\n'))
    .map(fenceLine)
    .join('\n');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}
