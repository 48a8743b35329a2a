// The pure parts of command: provision: its inputs, and how its result reads on the comment and outputs.
import { describe, expect, it } from '@jest/globals';
import { checkInputsFor, type InputError, readInputs } from '../../src/inputs.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { outputsOf } from '../../src/report/outputs.js';
import { newResult, newStage, type ProvisionStage, type RunResult } from '../../src/result.js';

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';
const good = {
  command: 'provision',
  'api-key': 'k',
  'computer-name': 'shop-box',
  'computer-size': 'M',
  'computer-region': 'nyc3',
  'webapp-name': 'shop',
  runtime: 'nodejs',
};

function problems(values: Record<string, string>): string[] {
  try {
    checkInputsFor('provision', readInputs(reader(values), {}));
  } catch (error) {
    return (error as InputError).problems;
  }
  return [];
}

describe('provision inputs', () => {
  it('accepts a full set, with web-server nginx and no database or cache by default', () => {
    const inputs = readInputs(reader(good), {});
    expect(problems(good)).toEqual([]);
    expect([inputs['web-server'], inputs.database, inputs.cache]).toEqual(['nginx', undefined, undefined]);
  });

  it('names every bad or missing provision input at once', () => {
    expect(problems({ ...good, 'computer-size': 'm', runtime: 'node', cache: 'memcached' })).toEqual([
      "Input 'computer-size' is 'm': expected S (2GB/1vCPU), M (4GB/2vCPU) or L (8GB/4vCPU)",
      "Input 'runtime' is 'node': expected one of python3, nodejs",
      "Input 'cache' is 'memcached': expected redis, or empty for none",
    ]);
    expect(problems({ command: 'provision', 'api-key': 'k', wait: 'false' })).toEqual([
      "Input 'computer-name' is required for command 'provision'",
      "Input 'computer-size' is required for command 'provision'",
      "Input 'computer-region' is required for command 'provision'",
      "Input 'webapp-name' is required for command 'provision'",
      "Input 'runtime' is required for command 'provision'",
      "Input 'wait' is false, but command 'provision' waits for the Computer before it can create the WebApp on it: leave 'wait' at true",
    ]);
  });

  it('does not ask other commands for provision inputs', () => {
    expect(() => checkInputsFor('deploy', readInputs(reader({ 'api-key': 'k', 'webapp-id': '1' }), {}))).not.toThrow();
  });
});

function provisioned(fields: Partial<ProvisionStage>): RunResult {
  const result = newResult(
    {
      repository: 'acme/shop',
      sha: 'feedc0de99',
      ref: 'refs/heads/main',
      event: 'push',
      runId: 1,
      runNumber: 2,
      runAttempt: 1,
      runUrl: 'https://github.com/acme/shop/actions/runs/1',
    },
    'provision',
  );
  result.stages.provision = Object.assign(newStage<ProvisionStage>({ logTail: [] }), fields);
  return result;
}

describe('provision on the surfaces', () => {
  const computer = { id: '1700000000000000199', name: 'shop-box', status: 'ready', size: 'M', region: 'nyc3', publicIp: '203.0.113.11', created: false };
  const webapp = { id: '1700000000000001133', name: 'shop', runtime: 'nodejs', created: false };

  it('outputs the ids, the uat Space as space-id, and the public IP', () => {
    const result = provisioned({ status: 'success', computer, webapp, uatSpaceId: '17', productionSpaceId: '18' });
    expect(outputsOf(result)).toEqual({
      'computer-id': computer.id,
      'webapp-id': webapp.id,
      'space-id': '17',
      'production-space-id': '18',
      'public-ip': '203.0.113.11',
      result: JSON.stringify(result),
    });
  });

  it('says nothing changed when both existed, and what was made when not', () => {
    expect(renderMarkdown(provisioned({ status: 'success', computer, webapp }))).toContain('### ✅ Computer and WebApp already exist: nothing changed');
    const made = renderMarkdown(provisioned({ status: 'success', computer, webapp: { ...webapp, created: true } }));
    expect(made).toContain('### ✅ Computer and WebApp provisioned');
    expect(made).toContain('| **WebApp** | shop `1700000000000001133` · nodejs · created by this run |');
    expect(made).toContain('| **Computer** | shop-box `1700000000000000199` · ready · size M · nyc3 · already existed |');
  });

  it('shows the failed provisioning Job log, fenced, and escapes server text', () => {
    const result = provisioned({
      status: 'failure',
      computer: { ...computer, status: 'error|<b>', publicIp: undefined },
      jobId: 'job-7',
      jobStatus: 'failed',
      logTail: ['Creating VM', '| @team <script>'],
    });
    result.status = 'failure';
    result.message = "Provisioning of Computer 'shop-box': Job job-7 ended failed.";
    const body = renderMarkdown(result);
    expect(body).toContain('### ❌ Provisioning failed');
    const row = body.split('\n').find((line) => line.startsWith('| **Computer** |'))!;
    expect(row).not.toMatch(/error\||<b>/); // server text cannot add a cell or HTML
    expect(body).toContain('<summary>Last 2 lines of the Job log (job-7)</summary>');
    expect(body).toContain('```text\nCreating VM\n| @\u200Bteam <script>\n```');
    expect(body).not.toContain('Public IP');
  });
});
