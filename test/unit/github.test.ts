// Pure logic of the GitHub side: which run is newer, reading markers old and new, the cancel message.
import { describe, expect, it } from '@jest/globals';
import { cancelMessage, jobStillRunning } from '../../src/cancel.js';
import { describeGitHubFailure, DEPLOYMENT_SURFACE } from '../../src/github/client.js';
import { commentMarker, isNewer, readMarker } from '../../src/github/comments.js';
import { newResult, newStage, type RunResult } from '../../src/result.js';

const run = { repository: 'acme/shop', sha: 'x', ref: '', event: 'push', runId: 9000, runNumber: 3, runAttempt: 1, runUrl: '' };

describe('comment markers', () => {
  it('orders runs by run id, then attempt, never by run number', () => {
    expect(isNewer({ runId: 9001, runAttempt: 1 }, { runId: 9000, runAttempt: 5 })).toBe(true);
    expect(isNewer({ runId: 9000, runAttempt: 2 }, { runId: 9000, runAttempt: 1 })).toBe(true);
    expect(isNewer({ runId: 9000, runAttempt: 1 }, { runId: 9000, runAttempt: 1 })).toBe(false);
  });

  it('reads its own marker, and an older release’s `run=` marker as older than any run id', () => {
    expect(readMarker(`${commentMarker('shop', { runId: 9000, runAttempt: 2 })}\nbody`)).toEqual({ key: 'shop', runId: 9000, runAttempt: 2 });
    const old = readMarker('<!-- konigle-deploy-action key="shop" run="17" attempt="1" -->')!;
    expect(isNewer({ runId: 9000, runAttempt: 1 }, old)).toBe(true);
  });
});

describe('cancellation message', () => {
  const withStages = (stages: RunResult['stages']) => ({ ...newResult(run, 'deploy'), stages });

  it('names the Job being followed, and how to resume it', () => {
    const result = withStages({ deploy: { ...newStage({}), jobId: 'job-1' }, wait: { ...newStage({ logTail: [] }), jobId: 'job-1' } } as RunResult['stages']);
    expect(cancelMessage('SIGTERM', jobStillRunning(result))).toBe(
      "Cancelled by SIGTERM. Konigle Job job-1 may still be running: resume with 'command: wait' and 'job-id: job-1'.",
    );
  });

  it('names the promotion Job once uat succeeded', () => {
    const wait = { ...newStage({ logTail: [] }), jobId: 'job-1', status: 'success' };
    const promote = { ...newStage({ logTail: [] }), jobId: 'job-2' };
    expect(jobStillRunning(withStages({ wait, promote } as RunResult['stages']))).toBe('job-2');
  });

  it('names the provisioning Job being followed', () => {
    const provision = { ...newStage({ logTail: [] }), jobId: 'job-9' };
    expect(jobStillRunning(withStages({ provision } as RunResult['stages']))).toBe('job-9');
  });

  it('says so when no Job was known yet', () => {
    expect(cancelMessage('SIGINT', jobStillRunning(withStages({})))).toBe('Cancelled by SIGINT before a Konigle Job was known.');
  });
});

describe('describeGitHubFailure', () => {
  it('calls a secondary rate limit a rate limit, not a permission problem', () => {
    const error = { status: 403, message: 'You have exceeded a secondary rate limit', response: { headers: {} } };
    expect(describeGitHubFailure(error, DEPLOYMENT_SURFACE)).toBe(
      "Could not record the GitHub Deployment: GitHub's API rate limit was hit. This is not a permission problem.",
    );
  });

  it('tells a network failure (status 500 without an answer) from a 500 answer', () => {
    expect(describeGitHubFailure({ status: 500, message: 'connect ECONNREFUSED 127.0.0.1:9' }, DEPLOYMENT_SURFACE)).toBe(
      'Could not record the GitHub Deployment: connect ECONNREFUSED 127.0.0.1:9.',
    );
    expect(describeGitHubFailure({ status: 500, message: 'Server Error', response: { headers: {} } }, DEPLOYMENT_SURFACE)).toBe(
      'Could not record the GitHub Deployment: GitHub answered 500 (Server Error).',
    );
  });
});
