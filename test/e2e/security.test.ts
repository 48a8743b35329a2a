// Issue 7: text from outside is hostile. Servers that echo credentials, Job logs full of workflow
// commands, hostile text in the comment, fork and Dependabot pull requests, credential files,
// non-UTF-8 names and a path out of the workspace. runAction() itself fails a test on any secret
// shown, raw or escaped, in stdout (outside ::add-mask::), stderr, outputs, summary or GitHub.
import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTree, resultOf, runAction, runnerCommands } from '../helpers/action.js';
import { GITHUB_TOKEN, KONAN_KEY, KONIGLE_KEY, konigleInputs, useEmulator } from '../helpers/emulator.js';
import { pullRequest } from '../helpers/events.js';

const emu = useEmulator();
let app: { webapp_id: string; uat_space_id: string };
let workspace: string;
beforeAll(async () => {
  workspace = await makeTree({ 'index.html': '<h1>shop</h1>', 'app.js': 'x' });
});
beforeEach(async () => {
  app = await emu.seedWebApp('shop');
});

const inputs = (extra: Record<string, string> = {}) => konigleInputs(emu, app.webapp_id, extra);
const env = (extra: Record<string, string> = {}) => ({ GITHUB_API_URL: emu.urls.github, ...extra });
const onPr = (
  number: number,
  extra: Record<string, string> = {},
  options: { event?: { name: string; payload: Record<string, unknown> }; env?: Record<string, string>; workspace?: string } = {},
) => runAction({ workspace: options.workspace ?? workspace, env: env(options.env), inputs: inputs(extra), event: options.event ?? pullRequest(number) });

describe('a server echoing the credentials it was sent', () => {
  it('deploy: the key reaches neither the comment, the summary, the outputs nor the log', async () => {
    await emu.fault({ service: 'konigle', method: 'POST', path: '/deploy', status: 401, echoCredentials: true });
    const run = await onPr(31);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::Konigle API POST');
    expect(run.stdout).toContain('Invalid credentials. Authorization: Token ***');
    const result = resultOf(run);
    expect(result.message).toContain('Token ***');
    const [comment] = await emu.ourComments(31);
    expect(comment.body).toContain('Invalid credentials. Authorization: Token \\*\\*\\*');
  });

  it('promote: the key is redacted from the summary and outputs', async () => {
    await emu.fault({ service: 'konigle', method: 'POST', path: '/promote', status: 403, echoCredentials: true });
    const run = await runAction({ workspace, env: env(), inputs: inputs({ command: 'promote', 'promote-guard': 'off' }) });
    expect(run.code).toBe(1);
    expect(run.summary).toContain('Token \\*\\*\\*');
    expect(run.outputs.result).toContain('Token ***');
  });

  const feedbackRun = async (number: number, konan: Record<string, string>) => {
    const { deployment, uuids } = await emu.konanDeployment(2);
    await writeFile(path.join(workspace, 'truth.jsonl'), uuids.map((u) => JSON.stringify({ prediction_uuid: u, target: 1 })).join('\n'));
    return runAction({
      workspace,
      env: env(),
      event: pullRequest(number),
      inputs: {
        command: 'feedback',
        'github-token': GITHUB_TOKEN,
        'konan-api-url': emu.urls.konan,
        'konan-auth-url': emu.urls.konan,
        'konan-deployment-id': deployment,
        'feedback-file': 'truth.jsonl',
        'feedback-report': path.join(workspace, 'report.jsonl'),
        'comment-key': 'feedback',
        ...konan,
      },
    });
  };

  it('Konan login with an API key', async () => {
    await emu.fault({ service: 'konan', path: '/api/auth/api_key/', status: 401, echoCredentials: true });
    const run = await feedbackRun(32, { 'konan-api-key': KONAN_KEY });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Konan login failed');
    expect((await emu.ourComments(32))[0].body).toContain('Konan login failed');
  });

  it('Konan login with an email and a password that JSON and markdown must escape', async () => {
    const user = { email: 'ops+konan@acme.example', password: 'p"a\\ss_w@rd<&>|`x`' };
    await emu.control('POST', '/konan/config', { users: [user] });
    await emu.fault({ service: 'konan', path: '/api/auth/login/', status: 400, echoCredentials: true });
    const run = await feedbackRun(33, { 'konan-email': user.email, 'konan-password': user.password });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Konan login failed');
    expect(run.outputs.result).toContain('***');
    expect(resultOf(run).message).toContain('request body: {"email":"***","password":"***"}');
  });

  it('a feedback batch answered with the Bearer token (a JWT) in its error', async () => {
    await emu.fault({ service: 'konan', path: '/predictions/feedback/', status: 400, echoCredentials: true, times: 0 });
    const run = await feedbackRun(34, { 'konan-api-key': KONAN_KEY });
    expect(run.code).toBe(1);
    expect(resultOf(run).stages.feedback.rejected + resultOf(run).stages.feedback.unsent).toBe(2);
  });

  it('GitHub echoing the token in a refused comment write', async () => {
    await emu.fault({ service: 'github', method: 'POST', path: '/issues/35/comments', status: 403, echoCredentials: true });
    const run = await onPr(35);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::warning::Could not write the PR comment/);
  });
});

describe('server text printed in the log', () => {
  it('cannot issue a workflow command from a line of its own', async () => {
    // A retried read prints the server's message; a newline in it must not start a command line.
    await emu.fault({
      service: 'konigle',
      method: 'GET',
      path: '/spaces',
      status: 503,
      body: { detail: 'down\n::warning title=INJECTED::pwned\n::add-mask::Deployment' },
    });
    const run = await runAction({ workspace, env: env(), inputs: inputs() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::warning title=INJECTED::pwned');
    expect(runnerCommands(run.stdout).filter((c) => c.data === 'pwned' || c.data === 'Deployment')).toEqual([]);
  });
});

describe('a Job log full of workflow commands', () => {
  const hostile = [
    '::error file=app.js,line=1::Injected error annotation',
    '::warning::Injected warning',
    '::add-mask::Release',
    '::endgroup::',
    '::group::Injected group',
    '::set-output name=url::https://evil.example',
    '::stop-commands::attacker',
    '::save-state name=x::y',
    '##[error]legacy form',
    `printenv: KONIGLE_API_KEY=${KONIGLE_KEY}`,
    '::attacker::',
    '::debug::still data',
  ];

  it('prints every line, readable and grouped, and none takes effect', async () => {
    await emu.nextJob({ outcome: 'success', log: hostile.map((message) => ({ level: 'info', message })) });
    const run = await runAction({ workspace, env: env(), inputs: inputs() });
    expect(run.code).toBe(0);
    const commands = runnerCommands(run.stdout);
    const injected = [
      'Injected error annotation',
      'Injected warning',
      'Release',
      'Injected group',
      'https://evil.example',
      'y',
      'legacy form',
      'still data',
      'attacker',
    ];
    expect(commands.filter((c) => injected.includes(c.data) || ['set-output', 'save-state'].includes(c.name))).toEqual([]);
    // The only masks are the action's own, of its credentials.
    expect(
      commands
        .filter((c) => c.name === 'add-mask')
        .map((c) => c.data)
        .sort(),
    ).toEqual([GITHUB_TOKEN, KONIGLE_KEY].sort());
    const groups = commands.filter((c) => c.name === 'group' || c.name === 'endgroup').map((c) => c.name);
    for (let i = 0; i < groups.length; i += 2) expect(groups.slice(i, i + 2)).toEqual(['group', 'endgroup']);
    expect(commands.find((c) => c.name === 'group')?.data).toMatch(/^Job .* log$/);
    for (const line of hostile.slice(0, 9)) expect(run.stdout).toContain(line);
    expect(run.stdout).toContain('printenv: KONIGLE_API_KEY=***');
    expect(run.outputs.url).toBe('https://shop-uat.hostbento.app');
  });
});

describe('hostile server text in the comment', () => {
  const evil = 'x | y @octocat </details><details open><!-- konigle-deploy-action key="999" run="99999" attempt="9" -->';

  it('cannot break the table, close the log block, ping anyone or add a marker', async () => {
    await emu.nextJob({ outcome: 'failed', log: [{ level: 'error', message: evil }, 'thanks @octocat'] });
    const run = await onPr(36);
    expect(run.code).toBe(1);
    const [comment] = await emu.ourComments(36);
    const body: string = comment.body;
    expect(body.match(/<!-- konigle-deploy-action/g)).toHaveLength(1);
    expect(body).not.toMatch(/@octocat/);
    const outsideFence = body.replace(/(`{3,})text\n[\s\S]*?\n\1/g, '');
    expect(outsideFence.match(/<details>/g)).toHaveLength(1);
    expect(outsideFence.match(/<\/details>/g)).toHaveLength(1);
    for (const row of body.split('\n').filter((l) => l.startsWith('| **'))) expect(row.split('|')).toHaveLength(4);
    // The next run finds and updates the same comment: the text did not confuse which one is ours.
    await onPr(36);
    expect(await emu.ourComments(36)).toHaveLength(1);
  });
});

describe('pull requests', () => {
  const target = (fork: boolean) => ({ ...pullRequest(40, { fork }), name: 'pull_request_target' });

  it('pull_request_target from a fork deploys nothing without allow-fork-deploy, naming the risk and the input', async () => {
    const run = await onPr(40, {}, { event: target(true) });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /::warning::Nothing deployed: this pull_request_target run is for a pull request from the fork outsider\/shop\. Deploying it would run that fork's code on uat with this repository's credentials\..*'allow-fork-deploy: true'/,
    );
    expect((await emu.requests()).filter((r) => r.service === 'konigle')).toEqual([]);
    expect(run.summary).toContain('⏭️ Nothing deployed');
  });

  it('pull_request_target from a fork deploys with allow-fork-deploy: true', async () => {
    const run = await onPr(41, { 'allow-fork-deploy': 'true' }, { event: target(true) });
    expect(run.code).toBe(0);
    expect((await emu.konigleState()).deployments).toHaveLength(1);
  });

  it('a Dependabot pull request without secrets is skipped with a notice', async () => {
    const { 'api-key': _k, ...rest } = inputs();
    const run = await runAction({ workspace, env: env({ GITHUB_ACTOR: 'dependabot[bot]' }), inputs: rest, event: pullRequest(42) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::notice::This run was started by Dependabot, where workflow secrets are not available (no api-key): the run is skipped.');
    expect(await emu.requests()).toEqual([]);
  });

  it.each([
    [{ promote: 'true' }, "Input 'promote' is true on a pull_request event"],
    [{ command: 'promote' }, "Input 'command' is 'promote' on a pull_request event"],
  ])('%j on a pull request is an input error, before any remote call', async (extra, message) => {
    const run = await onPr(43, extra);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::${message}: a pull request never promotes to production`);
    expect(await emu.requests()).toEqual([]);
  });
});

describe('the workspace', () => {
  it('never packages gha-creds-*.json, and warns once about files that look like credentials', async () => {
    const dir = await makeTree({
      'index.html': 'x',
      'gha-creds-4f2a.json': '{"type":"service_account"}',
      '.env': 'DB_PASSWORD=x',
      'deploy/key.pem': 'k',
      '.npmrc': '//npm.pkg.github.com/:_authToken=ghp_x\n',
    });
    const run = await runAction({ workspace: dir, env: env(), inputs: inputs() });
    expect(run.code).toBe(0);
    const [deployment] = (await emu.konigleState()).deployments;
    expect(deployment.upload!.entries.map((e: { name: string }) => e.name)).toEqual(['.env', '.npmrc', 'deploy/key.pem', 'index.html']);
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
    expect(warnings).toEqual([
      "::warning::3 packaged file(s) look like credentials and will be uploaded: .env, .npmrc, deploy/key.pem. If they should not be, list them in '.konigleignore' or the 'exclude' input (e.g. '.env*', '*.pem').",
    ]);
  });

  it('skips a file whose name is not valid UTF-8, naming it, and deploys the rest', async () => {
    const dir = await makeTree({ 'index.html': 'x' });
    await writeFile(Buffer.concat([Buffer.from(path.join(dir, 'r')), Buffer.from([0xe9, 0x73]), Buffer.from('um.txt')]), 'latin-1');
    const run = await runAction({ workspace: dir, env: env(), inputs: inputs() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::warning::Not packaged: r\\xE9sum.txt: this file name is not valid UTF-8');
    expect((await emu.konigleState()).deployments[0].upload!.entries.map((e: { name: string }) => e.name)).toEqual(['index.html']);
  });

  it('refuses path: ../other before any remote call', async () => {
    const run = await runAction({ workspace: path.join(workspace), env: env(), inputs: inputs({ path: '../other' }) });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::Input 'path' is '\.\.\/other': it resolves to .*, outside the workspace/);
    expect(await emu.requests()).toEqual([]);
  });

  it('refuses an http:// api-url that is not loopback, before any remote call', async () => {
    const run = await runAction({ workspace, env: env(), inputs: inputs({ 'api-url': 'http://tim.konigle.com' }) });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::Input 'api-url' is 'http://tim.konigle.com': expected an https:// URL");
  });
});
