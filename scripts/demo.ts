// `npm run demo`: start the emulator, then run dist/index.js against it as workflows would:
// a pull request deploys to uat (and comments), a published release promotes to production, and a
// scheduled job sends ground truth for a model's predictions to Konan.
// Prints what a user would see: the log, the outputs, the comment.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startEmulator } from '../emulator/server.js';
import { emulatorControl } from './emulator-control.js';
import { ROOT, runAction } from './run-action.js';

const API_KEY = 'konigle-demo-key';
const GITHUB_TOKEN = 'ghs_emulator_workflow_token';
const SHA = 'c0ffee0000000000000000000000000000000042';

const control = emulatorControl;

const heading = (text: string) => console.log(`\n\x1b[1m━━ ${text} ━━\x1b[0m`);

function printOutputs(outputs: Record<string, string>, code: number) {
  heading(`outputs (exit code ${code})`);
  for (const [name, value] of Object.entries(outputs)) if (name !== 'result') console.log(`${name.padEnd(22)} ${value}`);
}

const emulator = await startEmulator();
try {
  const { urls } = emulator;
  console.log(`Emulator: Konigle ${urls.konigle} · GitHub ${urls.github} · control ${urls.control}`);
  const app = await control<{ webapp_id: string }>(urls.control, 'POST', '/konigle/webapps', { name: 'sample-shop', custom_domain: 'shop.example.com' });
  const common = {
    workspace: path.join(ROOT, 'examples'),
    echo: true,
    env: { GITHUB_API_URL: urls.github, GITHUB_SHA: SHA },
  };
  const inputs = {
    'api-key': API_KEY,
    'api-url': urls.konigle,
    'webapp-id': app.webapp_id,
    'github-token': GITHUB_TOKEN,
    path: 'sample-app',
    'poll-interval': '300ms',
  };

  heading('0. provision: make sure the Computer and the WebApp of a new app exist (run twice: the second run only reads)');
  const hosting = {
    command: 'provision',
    'api-key': API_KEY,
    'api-url': urls.konigle,
    'poll-interval': '300ms',
    'computer-name': 'demo-box',
    'computer-size': 'S',
    'computer-region': 'nyc3',
    'webapp-name': 'new-shop',
    runtime: 'nodejs',
  };
  const provisioned = await runAction({ ...common, echo: false, inputs: hosting });
  const again = await runAction({ ...common, echo: false, inputs: hosting });
  printOutputs(again.outputs, provisioned.code || again.code);

  heading('1. pull_request #7: deploy examples/sample-app to uat');
  const pr = { number: 7, head: { sha: SHA, repo: { full_name: 'acme/shop' } }, base: { repo: { full_name: 'acme/shop' } } };
  const deploy = await runAction({ ...common, inputs, event: { name: 'pull_request', payload: { action: 'opened', number: 7, pull_request: pr } } });
  printOutputs(deploy.outputs, deploy.code);

  heading('2. release v1.0.0 published: promote uat to production');
  const release = await runAction({
    ...common,
    inputs,
    event: { name: 'release', payload: { action: 'published', release: { tag_name: 'v1.0.0', prerelease: false } } },
  });
  printOutputs(release.outputs, release.code);

  heading('3. send ground truth for 8 Konan predictions (one of them unknown to Konan)');
  const konanBase = urls.konan;
  const login = (await (
    await fetch(`${konanBase}/api/auth/api_key/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: 'konan-demo-key' }),
    })
  ).json()) as { access: string };
  const { uuid: model } = await control<{ uuid: string }>(urls.control, 'POST', '/konan/deployments', { name: 'churn-model' });
  const predictions: string[] = [];
  for (let i = 0; i < 7; i++) {
    const res = await fetch(`${konanBase}/deployments/${model}/predict/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.access}` },
      body: JSON.stringify({ tenure_months: i * 6 }),
    });
    predictions.push(((await res.json()) as { prediction_uuid: string }).prediction_uuid);
  }
  predictions.push('00000000-0000-4000-8000-000000000000');
  const truth = path.join(ROOT, 'examples', 'ground-truth.demo.jsonl');
  await writeFile(truth, predictions.map((uuid, i) => JSON.stringify({ prediction_uuid: uuid, target: { churned: i % 3 === 0 } })).join('\n') + '\n');
  const feedback = await runAction({
    ...common,
    inputs: {
      command: 'feedback',
      'konan-api-key': 'konan-demo-key',
      'konan-api-url': konanBase,
      'konan-auth-url': konanBase,
      'konan-deployment-id': model,
      'feedback-file': 'ground-truth.demo.jsonl',
      'feedback-fail-on': 'none',
      'feedback-batch-size': '3',
    },
  });
  printOutputs(feedback.outputs, feedback.code);
  heading('the feedback report (rows not accepted, ready to fix and send again)');
  console.log((await import('node:fs/promises').then((fs) => fs.readFile(feedback.outputs['feedback-report'], 'utf8'))).trim());

  const github = await control<{
    comments: { body: string }[];
    deployments: { environment: string; statuses: { state: string; environment_url?: string }[] }[];
  }>(urls.control, 'GET', '/github/state');
  heading('the sticky comment on PR #7');
  console.log(github.comments[0]?.body);
  // `npm run screenshot` renders this very comment; it asks for it through DEMO_COMMENT_FILE.
  if (process.env.DEMO_COMMENT_FILE) await writeFile(process.env.DEMO_COMMENT_FILE, github.comments[0]?.body ?? '');
  heading('GitHub Deployments recorded');
  for (const d of github.deployments)
    console.log(`${d.environment.padEnd(11)} ${d.statuses.map((s) => s.state).join(' → ')}  ${d.statuses.at(-1)?.environment_url ?? ''}`);
  process.exitCode = provisioned.code || again.code || deploy.code || release.code || feedback.code;
} finally {
  await emulator.close();
}
