// Step outputs, derived from the result only. An output that does not apply is not set.
import * as core from '../actions/core.js';
import { type EvaluateStage, feedbackCounted, type RunResult } from '../result.js';

export const OUTPUT_NAMES = [
  'deployment-id',
  'job-id',
  'job-status',
  'space-id',
  'url',
  'archive-sha256',
  'archive-size',
  'archive-files',
  'promote-deployment-id',
  'promote-job-id',
  'production-url',
  'comment-id',
  'feedback-total',
  'feedback-accepted',
  'feedback-rejected',
  'feedback-unsent',
  'feedback-report',
  'computer-id',
  'webapp-id',
  'production-space-id',
  'public-ip',
  'konan-deployment-id',
  'konan-model-id',
  'konan-prediction-id',
  'konan-prediction-output',
  'konan-metrics',
  'result',
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** konan-metrics: {start, end, predefined: {name: value}, custom: {name: value}}. */
function metricsJson(stage: EvaluateStage): string {
  const pick = (kind: string) => Object.fromEntries((stage.metrics ?? []).filter((m) => m.kind === kind).map((m) => [m.name, m.value]));
  return JSON.stringify({ start: stage.start, end: stage.end, predefined: pick('predefined'), custom: pick('custom') });
}

export function outputsOf(result: RunResult, commentId?: number): Partial<Record<OutputName, string>> {
  const { package: pkg, deploy, wait, promote, feedback, provision, konanDeploy, smoke, konanPromote, evaluate } = result.stages;
  const counted = feedbackCounted(feedback) ? feedback : undefined;
  const values: Record<OutputName, string | number | undefined> = {
    'deployment-id': deploy?.deploymentId,
    'job-id': deploy?.jobId ?? wait?.jobId,
    'job-status': wait?.jobStatus,
    'space-id': deploy?.spaceId ?? wait?.spaceId ?? provision?.uatSpaceId,
    url: wait?.url,
    'archive-sha256': pkg?.sha256,
    'archive-size': pkg?.size,
    'archive-files': pkg?.files,
    'promote-deployment-id': promote?.deploymentId,
    'promote-job-id': promote?.jobId,
    'production-url': promote?.url,
    'comment-id': commentId,
    'feedback-total': counted?.total,
    'feedback-accepted': counted?.accepted,
    'feedback-rejected': counted?.rejected,
    'feedback-unsent': counted?.unsent,
    'feedback-report': feedback?.report,
    'computer-id': provision?.computer?.id,
    'webapp-id': provision?.webapp?.id,
    'production-space-id': provision?.productionSpaceId,
    'public-ip': provision?.computer?.publicIp,
    'konan-deployment-id': konanDeploy?.deploymentId || konanPromote?.deploymentId || smoke?.deploymentId || undefined,
    'konan-model-id': konanDeploy?.modelId ?? (konanPromote?.promoted?.after === 'live' ? konanPromote.promoted.uuid : undefined),
    'konan-prediction-id': smoke?.predictionId,
    'konan-prediction-output': smoke?.predictionId ? JSON.stringify(smoke.output ?? null) : undefined,
    'konan-metrics': evaluate?.metrics ? metricsJson(evaluate) : undefined,
    result: JSON.stringify(result),
  };
  const set: Partial<Record<OutputName, string>> = {};
  for (const name of OUTPUT_NAMES) if (values[name] !== undefined) set[name] = String(values[name]);
  return set;
}

export function writeOutputs(result: RunResult, commentId?: number): void {
  for (const [name, value] of Object.entries(outputsOf(result, commentId))) core.setOutput(name, value);
}

/** The comment id alone, once known: a cancelled run writes its other outputs before the comment. */
export function writeCommentId(commentId: number): void {
  core.setOutput('comment-id', String(commentId));
}
