// Hands the finished result to every enabled surface, in order: PR comment, job summary, step
// outputs (a cancelled run writes its outputs and summary first: they are local and quick, and
// the comment may not make it before the runner kills the step). A surface that fails adds a
// warning to the result, and the next surface carries it.
import * as core from '../actions/core.js';
import type { Inputs } from '../inputs.js';
import { commentMarker, upsertComment } from '../github/comments.js';
import { COMMENT_SURFACE, describeGitHubFailure, type Octokit } from '../github/client.js';
import { renderMarkdown } from './markdown.js';
import { writeCommentId, writeOutputs } from './outputs.js';
import type { RunResult } from '../result.js';
import { redact } from '../redact.js';

export interface PublishOptions {
  inputs: Inputs | undefined;
  octokit: Octokit | undefined;
  commentKey: string;
  /** Outputs and summary before the comment (a cancelled run). */
  localFirst?: boolean;
}

export function warn(result: RunResult, text: string): void {
  const message = redact(text);
  result.warnings.push(message);
  core.warning(message);
}

async function publishComment(result: RunResult, options: PublishOptions): Promise<number | undefined> {
  const { run } = result;
  if (!options.inputs?.comment || run.pullRequest === undefined || result.dryRun || !options.octokit) return undefined;
  const [owner, repo] = run.repository.split('/');
  const stamp = { runId: run.runId, runAttempt: run.runAttempt };
  try {
    const body = renderMarkdown(result, { marker: commentMarker(options.commentKey, stamp) });
    const outcome = await upsertComment(options.octokit, { owner, repo, issue: run.pullRequest }, options.commentKey, stamp, body);
    if (outcome.deleted.length)
      core.info(
        `Deleted PR comment ${outcome.deleted.join(', ')}: a duplicate for the same key, from ${outcome.action === 'kept-newer' ? 'this run' : 'an older run'}.`,
      );
    if (outcome.action === 'kept-newer') {
      core.info(`PR comment ${outcome.id} already shows run ${outcome.newer.runId} (attempt ${outcome.newer.runAttempt}), newer than this one: left as it is.`);
      return undefined;
    }
    core.info(`PR comment ${outcome.id} ${outcome.action}.`);
    return outcome.id;
  } catch (error) {
    warn(result, describeGitHubFailure(error, COMMENT_SURFACE));
    return undefined;
  }
}

async function publishSummary(result: RunResult, options: PublishOptions): Promise<void> {
  if (options.inputs && !options.inputs['job-summary']) return;
  const note = result.dryRun && result.run.pullRequest !== undefined ? '_Dry run: this is the comment the run would post on the pull request._' : undefined;
  try {
    await core.summary.addRaw(renderMarkdown(result, { note }), true).write();
  } catch (error) {
    warn(result, `Could not write the job summary: ${(error as Error).message}`);
  }
}

export async function publish(result: RunResult, options: PublishOptions): Promise<void> {
  if (options.localFirst) {
    await publishSummary(result, options);
    writeOutputs(result);
    const commentId = await publishComment(result, options);
    if (commentId !== undefined) writeCommentId(commentId);
    return;
  }
  const commentId = await publishComment(result, options);
  await publishSummary(result, options);
  writeOutputs(result, commentId);
}
