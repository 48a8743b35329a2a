// `npm run demo`: start the emulator, then run dist/index.js against it as a workflow would,
// and print what a user would see: the log, the outputs, the report.
import path from 'node:path';
import { startEmulator } from '../emulator/server.js';
import { ROOT, runAction } from './run-action.js';

const API_KEY = 'konigle-demo-key';

async function control(base: string, method: string, route: string, body?: unknown) {
  const res = await fetch(`${base}${route}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`emulator control ${route}: ${res.status} ${await res.text()}`);
  return res.json();
}

function heading(text: string) {
  console.log(`\n\x1b[1m━━ ${text} ━━\x1b[0m`);
}

const emulator = await startEmulator();
try {
  const { urls } = emulator;
  console.log(`Emulator on ${urls.konigle.replace('/konigle', '')} (Konigle ${urls.konigle}, control ${urls.control})`);
  const app = (await control(urls.control, 'POST', '/konigle/webapps', { name: 'sample-shop' })) as { webapp_id: string };
  const workspace = path.join(ROOT, 'examples');

  heading('deploy examples/sample-app to the uat Space');
  const deploy = await runAction({
    workspace,
    echo: true,
    inputs: { 'api-key': API_KEY, 'api-url': urls.konigle, 'webapp-id': app.webapp_id, path: 'sample-app', 'poll-interval': '300ms' },
  });
  heading(`outputs (exit code ${deploy.code})`);
  for (const [name, value] of Object.entries(deploy.outputs)) console.log(`${name.padEnd(16)} ${value}`);
  const state = (await control(urls.control, 'GET', '/konigle/state')) as { deployments: { upload?: { entries: { name: string }[] } }[] };
  heading('what the emulator received');
  console.log(state.deployments[0]?.upload?.entries.map((e) => `  ${e.name}`).join('\n'));
  process.exitCode = deploy.code;
} finally {
  await emulator.close();
}
