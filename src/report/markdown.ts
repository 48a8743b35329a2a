// Renders a result as markdown for the PR comment and the job summary. Text from servers is
// escaped so it can neither break the layout, inject HTML, nor mention people; the body stays
// under GitHub's 65,536-character limit by trimming the log first.
import { formatBytes, formatDuration } from '../units.js';
import { VERSION } from '../version.js';
import { feedbackCounted, type JobWait, type RunResult, type StageBase } from '../result.js';

export const GITHUB_BODY_LIMIT = 65_536;
/** Headroom under the limit for the marker and whatever wraps the body. */
const BODY_BUDGET = 60_000;
const LINE_MAX = 400;
const MESSAGE_MAX = 3_000;

/** Inline text in a table cell or paragraph: HTML, table pipes, emphasis, links and @mentions are neutralised. */
export function escapeInline(text: string, max = MESSAGE_MAX): string {
  const clipped = text.length > max ? `${text.slice(0, max)}…` : text;
  return clipped
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/@/g, '&#64;')
    .replace(/[\\`*_[\]~]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

const code = (text: string) => `\`${text.replace(/`/g, '')}\``;

/** A fenced block that no line inside can close: the fence is longer than any backtick run. */
export function fenced(lines: string[]): string {
  const text = lines.map((l) => (l.length > LINE_MAX ? `${l.slice(0, LINE_MAX)}…` : l)).join('\n');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

/** A link only for a URL that is plainly https://host[/path]; anything else is shown as escaped text. */
function link(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return /^https:\/\/[A-Za-z0-9.-]+(?::\d+)?(\/[A-Za-z0-9._~\/-]*)?$/.test(url) ? `[${url.replace(/^https:\/\//, '')}](${url})` : escapeInline(url);
}

function title(result: RunResult): string {
  const { deploy, wait, promote, feedback } = result.stages;
  if (result.status === 'skipped') return '⏭️ Nothing deployed';
  if (result.status === 'cancelled') return promote?.status === 'cancelled' ? '🛑 Promotion to production cancelled' : '🛑 Run cancelled';
  if (result.dryRun) return result.status === 'success' ? '🧪 Dry run: checked, nothing deployed' : '❌ Dry run failed';
  if (result.status === 'failure') {
    if (Object.keys(result.stages).length === 0) return '❌ Stopped before any remote call';
    if (promote?.status === 'failure' || promote?.status === 'timed_out') return '❌ Promotion to production failed';
    if (feedback?.status === 'failure' && (!deploy || wait?.status === 'success')) return '❌ Konan feedback failed';
    return '❌ Deploy to uat failed';
  }
  if (result.command === 'feedback') return '✅ Feedback sent to Konan';
  if (promote && (deploy || wait)) return '✅ Deployed to uat and promoted to production';
  if (promote) return promote.jobStatus === 'success' ? '✅ Promoted to production' : '🚀 Promotion to production started';
  if (wait?.jobStatus === 'success') return '✅ Deployed to uat';
  return '🚀 Deploy to uat started';
}

const stageLabel = (stage: StageBase) =>
  ({ started: '⏳ started', success: '✅ success', failure: '❌ failure', timed_out: '⌛ timed out', skipped: '⏭️ skipped', cancelled: '🛑 cancelled' })[stage.status];

function rows(result: RunResult): [string, string][] {
  const { package: pkg, deploy, wait, promote } = result.stages;
  const out: [string, string | undefined][] = [
    ['uat', link(wait?.url)],
    ['production', link(promote?.url)],
    ['Stages', Object.entries(result.stages).map(([name, stage]) => `${name} ${stageLabel(stage as StageBase)}`).join(' · ')],
    ['uat Space', (deploy?.spaceId ?? wait?.spaceId ?? promote?.uatSpaceId) && code(deploy?.spaceId ?? wait?.spaceId ?? promote!.uatSpaceId!)],
    ['Deployment', deploy?.deploymentId && code(deploy.deploymentId)],
    ['Job', (wait?.jobId ?? deploy?.jobId) && `${code((wait?.jobId ?? deploy?.jobId)!)}${wait?.jobStatus ? ` ${escapeInline(wait.jobStatus, 40)}` : ''}`],
    ['Promotion', promote?.deploymentId && code(promote.deploymentId)],
    ['Promote Job', promote?.jobId && `${code(promote.jobId)}${promote.jobStatus ? ` ${escapeInline(promote.jobStatus, 40)}` : ''}`],
    ['Promote guard', promote?.guard && escapeInline(promote.guard)],
    ['Archive', pkg?.size !== undefined ? `${formatBytes(pkg.size)} · ${pkg.files} files · sha256 ${code(pkg.sha256!.slice(0, 12))}` : undefined],
    ['Commit', code(result.run.sha.slice(0, 7))],
    ['Duration', formatDuration(result.durationMs)],
  ];
  return out.filter((row): row is [string, string] => Boolean(row[1]));
}

/** The Job whose log explains a failure: the one that failed, else the last one followed. */
function failedJob(result: RunResult): (JobWait & StageBase) | undefined {
  const { wait, promote } = result.stages;
  if (promote && promote.status !== 'success' && promote.logTail.length) return promote;
  if (wait && wait.status !== 'success' && wait.logTail.length) return wait;
  return undefined;
}

const n = (value: number) => value.toLocaleString('en-US');

function feedbackSection(result: RunResult): string[] {
  const stage = result.stages.feedback;
  if (!feedbackCounted(stage)) return [];
  const out = ['#### Konan feedback', '', '| rows | accepted | rejected | not sent |', '|---|---|---|---|'];
  out.push(`| ${n(stage.total)} | ${n(stage.accepted)} | ${n(stage.rejected)} | ${n(stage.unsent)} |`, '');
  if (stage.alreadyRecorded) out.push(`${n(stage.alreadyRecorded)} of the accepted rows were already recorded by an earlier attempt (409 on retry).`, '');
  for (const group of stage.rejections.slice(0, 10)) {
    const examples = group.examples.map((e) => escapeInline(e, 200)).join('; ');
    out.push(`- rejected with **${group.status ?? 'no status'}** × ${n(group.count)}, e.g. ${examples}`);
  }
  for (const group of stage.unsentReasons.slice(0, 10)) out.push(`- not sent × ${n(group.count)}: ${escapeInline(group.reason, 300)}`);
  if (stage.rejections.length || stage.unsentReasons.length) out.push('');
  if (stage.report && stage.rejected + stage.unsent > 0) out.push(`Every row not accepted is in ${code(stage.report)} (a feedback file: fix and send it again).`, '');
  return out;
}

export interface RenderOptions {
  /** Put first (the comment's hidden marker). */
  marker?: string;
  /** A line under the title, e.g. for a dry run's preview. */
  note?: string;
}

export function renderMarkdown(result: RunResult, options: RenderOptions = {}): string {
  const head: string[] = [];
  if (options.marker) head.push(options.marker);
  head.push(`### ${title(result)}`, '');
  if (options.note) head.push(options.note, '');
  head.push('| | |', '|---|---|', ...rows(result).map(([k, v]) => `| **${k}** | ${v} |`), '');
  if (result.message) head.push(`> ${result.status === 'failure' ? '**Error:** ' : result.status === 'cancelled' ? '**Cancelled:** ' : ''}${escapeInline(result.message)}`, '');
  for (const warning of result.warnings) head.push(`> ⚠️ ${escapeInline(warning)}`, '');
  head.push(...feedbackSection(result));
  const foot = ['', `<sub>${escapeInline(result.run.repository)} · run [#${result.run.runNumber}](${result.run.runUrl}) · konigle-deploy-action ${VERSION}</sub>`];

  const job = failedJob(result);
  let body = [...head, ...foot].join('\n');
  if (job) {
    let lines = job.logTail;
    const block = (ls: string[]) =>
      `<details><summary>Last ${ls.length} lines of the Job log (${job.jobId})</summary>\n\n${fenced(ls)}\n\n</details>\n`;
    while (lines.length && body.length + block(lines).length > BODY_BUDGET) lines = lines.slice(Math.ceil(lines.length / 10));
    if (lines.length) body = [...head, block(lines), ...foot].join('\n');
  }
  return body.length > BODY_BUDGET ? `${body.slice(0, BODY_BUDGET)}\n\n…(cut to fit GitHub's limit)` : body;
}
