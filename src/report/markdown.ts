// Renders a result as markdown for the PR comment and the job summary. Every outside text goes
// through escape.ts, so it can neither break the layout, inject HTML, nor mention people; the body stays
// under GitHub's 65,536-character limit by trimming the log first.
import { formatBytes, formatDuration } from '../units.js';
import { VERSION } from '../version.js';
import { feedbackCounted, type JobWait, type ProvisionStage, type RunResult, type StageBase } from '../result.js';
import { clip, code, escapeHtml, escapeText, fenced, TEXT_MAX } from './escape.js';

/** A Job's id, and its status when known. */
const jobCell = (id: string | undefined, status: string | undefined) => id && `${code(id)}${status ? ` ${escapeText(status, 40)}` : ''}`;

export { fenced } from './escape.js';

export const GITHUB_BODY_LIMIT = 65_536;
/** Headroom under the limit for the marker and whatever wraps the body. */
const BODY_BUDGET = 60_000;

/** A link only for a URL that is plainly https://host[/path]; anything else is shown as escaped text. */
function link(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return /^https:\/\/[A-Za-z0-9.-]+(?::\d+)?(\/[A-Za-z0-9._~/-]*)?$/.test(url) ? `[${url.replace(/^https:\/\//, '')}](${url})` : escapeText(url);
}

function title(result: RunResult): string {
  const { deploy, wait, promote, feedback } = result.stages;
  if (result.status === 'skipped') return '⏭️ Nothing deployed';
  if (result.status === 'cancelled') return promote?.status === 'cancelled' ? '🛑 Promotion to production cancelled' : '🛑 Run cancelled';
  if (result.dryRun) return result.status === 'success' ? '🧪 Dry run: checked, nothing deployed' : '❌ Dry run failed';
  if (result.status === 'failure') {
    if (Object.keys(result.stages).length === 0) return '❌ Stopped before any remote call';
    if (result.stages.smoke?.status === 'failure') return '❌ Konan smoke prediction failed';
    if (result.command === 'konan-deploy') return '❌ Konan model release failed';
    if (result.command === 'konan-promote') return '❌ Konan model promotion failed';
    if (result.stages.evaluate?.status === 'failure') return '❌ Konan metrics failed';
    if (result.command === 'provision') return '❌ Provisioning failed';
    if (promote?.status === 'failure' || promote?.status === 'timed_out') return '❌ Promotion to production failed';
    if (feedback?.status === 'failure' && (!deploy || wait?.status === 'success')) return '❌ Konan feedback failed';
    return '❌ Deploy to uat failed';
  }
  const { konanDeploy, smoke, evaluate } = result.stages;
  if (konanDeploy) return konanDeploy.action === 'create' ? '✅ Konan deployment created' : '✅ Challenger model added to Konan';
  if (smoke) return '✅ Konan smoke prediction passed';
  if (result.command === 'konan-promote') return '✅ Konan model switched live';
  if (result.command === 'feedback') return feedback ? '✅ Feedback sent to Konan' : evaluate ? '✅ Konan metrics evaluated' : '✅ Feedback sent to Konan';
  if (result.command === 'provision') {
    const { computer, webapp } = result.stages.provision ?? {};
    return computer?.created || webapp?.created ? '✅ Computer and WebApp provisioned' : '✅ Computer and WebApp already exist: nothing changed';
  }
  if (promote && (deploy || wait)) return '✅ Deployed to uat and promoted to production';
  if (promote) return promote.jobStatus === 'success' ? '✅ Promoted to production' : '🚀 Promotion to production started';
  if (wait?.jobStatus === 'success') return '✅ Deployed to uat';
  return '🚀 Deploy to uat started';
}

const stageLabel = (stage: StageBase) =>
  ({ started: '⏳ started', success: '✅ success', failure: '❌ failure', timed_out: '⌛ timed out', skipped: '⏭️ skipped', cancelled: '🛑 cancelled' })[
    stage.status
  ];

function rows(result: RunResult): [string, string][] {
  const { package: pkg, deploy, wait, promote, provision, konanDeploy } = result.stages;
  const uatSpace = deploy?.spaceId ?? wait?.spaceId ?? promote?.uatSpaceId ?? provision?.uatSpaceId;
  const out: [string, string | undefined][] = [
    ['uat', link(wait?.url ?? provision?.url)],
    ['production', link(promote?.url ?? provision?.productionUrl)],
    [
      'Stages',
      Object.entries(result.stages)
        .map(([name, stage]) => `${name} ${stageLabel(stage as StageBase)}`)
        .join(' · '),
    ],
    ...provisionRows(provision),
    ['uat Space', uatSpace && code(uatSpace)],
    ['production Space', provision?.productionSpaceId && code(provision.productionSpaceId)],
    ['Deployment', deploy?.deploymentId && code(deploy.deploymentId)],
    ['Job', jobCell(wait?.jobId ?? deploy?.jobId, wait?.jobStatus)],
    ['Promotion', promote?.deploymentId && code(promote.deploymentId)],
    ['Promote Job', jobCell(promote?.jobId, promote?.jobStatus)],
    ['Promote guard', promote?.guard && escapeText(promote.guard)],
    ['Konan deployment', konanDeploymentId(result)],
    [
      'Konan model',
      konanDeploy?.modelId && `${escapeText(konanDeploy.modelName ?? '', 200)} ${code(konanDeploy.modelId)} ${escapeText(konanDeploy.modelState ?? '', 40)}`,
    ],
    ['Image', konanDeploy && code(konanDeploy.imageUrl)],
    ['Archive', pkg?.size !== undefined ? `${formatBytes(pkg.size)} · ${pkg.files} files · sha256 ${code(pkg.sha256!.slice(0, 12))}` : undefined],
    ['Commit', code(result.run.sha.slice(0, 7))],
    ['Duration', formatDuration(result.durationMs)],
  ];
  return out.filter((row): row is [string, string] => Boolean(row[1]));
}

const madeHere = (created: boolean) => (created ? ' · created by this run' : ' · already existed');

function provisionRows(stage: ProvisionStage | undefined): [string, string | undefined][] {
  const { computer, webapp } = stage ?? {};
  return [
    [
      'Computer',
      computer &&
        `${escapeText(computer.name, 100)} ${code(computer.id)} · ${escapeText(computer.status, 40)} · size ${escapeText(computer.size, 10)} · ${escapeText(computer.region, 40)}${madeHere(computer.created)}`,
    ],
    ['Public IP', computer?.publicIp && code(computer.publicIp)],
    ['WebApp', webapp && `${escapeText(webapp.name, 100)} ${code(webapp.id)} · ${escapeText(webapp.runtime, 40)}${madeHere(webapp.created)}`],
    ['Provisioning Job', jobCell(stage?.jobId, stage?.jobStatus)],
  ];
}

/** The Job whose log explains a failure: the one that failed, else the last one followed. */
function failedJob(result: RunResult): (JobWait & StageBase) | undefined {
  const { wait, promote, provision } = result.stages;
  if (provision && provision.status !== 'success' && provision.logTail.length) return provision;
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
    const examples = group.examples.map((e) => escapeText(e, 200)).join('; ');
    out.push(`- rejected with **${group.status ?? 'no status'}** × ${n(group.count)}, e.g. ${examples}`);
  }
  for (const group of stage.unsentReasons.slice(0, 10)) out.push(`- not sent × ${n(group.count)}: ${escapeText(group.reason, 300)}`);
  if (stage.rejections.length || stage.unsentReasons.length) out.push('');
  if (stage.report && stage.rejected + stage.unsent > 0)
    out.push(`Every row not accepted is in ${code(stage.report)} (a feedback file: fix and send it again).`, '');
  return out;
}

function konanDeploymentId(result: RunResult): string | undefined {
  const { konanDeploy, smoke, konanPromote, evaluate } = result.stages;
  const id = konanDeploy?.deploymentId || smoke?.deploymentId || konanPromote?.deploymentId || evaluate?.deploymentId;
  if (!id) return undefined;
  const name = konanDeploy?.deploymentName ? ` ${escapeText(konanDeploy.deploymentName, 200)}` : '';
  return `${code(id)}${name}${konanDeploy?.flow === 'project' ? ' (project)' : ''}`;
}

/** A number as people read it: whole numbers as they are, fractions to 4 places. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (value !== 0 && Math.abs(value) < 0.001) return value.toExponential(3);
  return String(Number(value.toFixed(4)));
}

const isScalar = (v: unknown) => v === null || ['number', 'string', 'boolean'].includes(typeof v);
const scalar = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : typeof v === 'string' ? escapeText(v, 200) : String(v));

/** JSON with arrays of plain values kept on one line, so a matrix reads as rows. */
export function compactJson(value: unknown, indent = ''): string {
  if (isScalar(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => inner + compactJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

const MATRIX_MAX = 20;

/**
 * A metric value as markdown: a matrix (rows of numbers, or label → label → count) as a table, any
 * other nested value as compact JSON in a fence. undefined for a plain value (it fits in a cell).
 */
export function renderNestedValue(value: unknown): string | undefined {
  if (isScalar(value)) return undefined;
  if (
    Array.isArray(value) &&
    value.length &&
    value.length <= MATRIX_MAX &&
    value.every((r) => Array.isArray(r) && r.length === value.length && r.every((c) => typeof c === 'number'))
  ) {
    const rows = value as number[][];
    const head = `| | ${rows.map((_, i) => i).join(' | ')} |`;
    return [head, `|---|${rows.map(() => '---').join('|')}|`, ...rows.map((r, i) => `| **${i}** | ${r.map(formatNumber).join(' | ')} |`)].join('\n');
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const rows = Object.entries(value as Record<string, unknown>);
    const columns = rows.length ? Object.keys(rows[0][1] ?? {}) : [];
    const square =
      rows.length > 0 &&
      rows.length <= MATRIX_MAX &&
      columns.length > 0 &&
      columns.length <= MATRIX_MAX &&
      rows.every(
        ([, r]) =>
          r && typeof r === 'object' && !Array.isArray(r) && Object.keys(r).join('\u0000') === columns.join('\u0000') && Object.values(r).every(isScalar),
      );
    if (square) {
      return [
        `| | ${columns.map((c) => escapeText(c, 100)).join(' | ')} |`,
        `|---|${columns.map(() => '---').join('|')}|`,
        ...rows.map(([k, r]) => `| **${escapeText(k, 100)}** | ${columns.map((c) => scalar((r as Record<string, unknown>)[c])).join(' | ')} |`),
      ].join('\n');
    }
  }
  const text = compactJson(value);
  return fenced(clip(text, TEXT_MAX).split('\n'));
}

function metricsSection(result: RunResult): string[] {
  const stage = result.stages.evaluate;
  if (!stage?.metrics) return [];
  const out = ['#### Konan metrics', '', `From ${escapeText(stage.start ?? '')} to ${escapeText(stage.end ?? '')}`, ''];
  if (!stage.metrics.length) return [...out, 'Konan returned no metrics for this window (no predictions with feedback in it?).', ''];
  out.push('| metric | kind | value |', '|---|---|---|');
  const nested: string[] = [];
  for (const metric of stage.metrics) {
    const block = renderNestedValue(metric.value);
    out.push(`| ${escapeText(metric.name, 100)} | ${metric.kind} | ${block === undefined ? scalar(metric.value) : 'below'} |`);
    if (block !== undefined) nested.push(`**${escapeText(metric.name, 100)}**`, '', block, '');
  }
  return [...out, '', ...nested];
}

function konanSection(result: RunResult): string[] {
  const { konanDeploy, smoke, konanPromote } = result.stages;
  const out: string[] = [];
  if (konanDeploy?.errors.length) {
    out.push('#### Konan model creation errors', '', '| field | message |', '|---|---|');
    for (const e of konanDeploy.errors) out.push(`| ${code(e.field.slice(0, 100))} | ${escapeText(e.message, 500)} |`);
    out.push('');
  }
  if (konanDeploy?.containerLogTail.length) {
    const lines = konanDeploy.containerLogTail;
    out.push(`<details><summary>Last ${lines.length} lines of the container logs</summary>`, '', fenced(lines), '', '</details>', '');
  }
  if (smoke?.predictionId) {
    out.push(
      '#### Smoke prediction',
      '',
      `Prediction ${code(smoke.predictionId)}:`,
      '',
      fenced(
        compactJson(smoke.output ?? null)
          .slice(0, TEXT_MAX)
          .split('\n'),
      ),
      '',
    );
  }
  if (konanPromote?.promoted) {
    out.push('#### Konan models', '', '| model | id | before | after |', '|---|---|---|---|');
    for (const m of [konanPromote.promoted, konanPromote.demoted]) {
      if (m) out.push(`| ${escapeText(m.name, 200)} | ${code(m.uuid)} | ${escapeText(m.before, 40)} | ${escapeText(m.after ?? '–', 40)} |`);
    }
    out.push('');
  }
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
  if (result.message)
    head.push(`> ${result.status === 'failure' ? '**Error:** ' : result.status === 'cancelled' ? '**Cancelled:** ' : ''}${escapeText(result.message)}`, '');
  for (const warning of result.warnings) head.push(`> ⚠️ ${escapeText(warning)}`, '');
  head.push(...feedbackSection(result), ...konanSection(result), ...metricsSection(result));
  const foot = [
    '',
    `<sub>${escapeText(result.run.repository)} · run [#${result.run.runNumber}](${result.run.runUrl}) · konigle-deploy-action ${VERSION}</sub>`,
  ];

  const job = failedJob(result);
  let body = [...head, ...foot].join('\n');
  if (job) {
    let lines = job.logTail;
    const block = (ls: string[]) =>
      `<details><summary>Last ${ls.length} lines of the Job log (${escapeHtml(job.jobId ?? '', 100)})</summary>\n\n${fenced(ls)}\n\n</details>\n`;
    while (lines.length && body.length + block(lines).length > BODY_BUDGET) lines = lines.slice(Math.ceil(lines.length / 10));
    if (lines.length) body = [...head, block(lines), ...foot].join('\n');
  }
  return body.length > BODY_BUDGET ? `${body.slice(0, BODY_BUDGET)}\n\n…(cut to fit GitHub's limit)` : body;
}
