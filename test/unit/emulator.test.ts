// The emulator follows the contracts (shared/contracts), whatever our client does.
import { describe, expect, it } from '@jest/globals';
import { GITHUB_TOKEN, KONIGLE_KEY, useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();

/** A JSON answer read as the shape the test expects; the assertions check it. */
const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await (await res).json()) as T;

interface JobView {
  status: string;
  completed_at: string | null;
  log: unknown[];
}
interface ComputerView {
  id: string;
}
interface SpacePage {
  results: { space_type: string; status: string }[];
}

const konigle = (path: string, init: RequestInit = {}) =>
  fetch(`${emu.urls.konigle}${path}`, { ...init, headers: { authorization: `Token ${KONIGLE_KEY}`, ...init.headers } });

describe('Konigle emulator', () => {
  it('wants Token auth and answers DRF-style errors', async () => {
    const none = await fetch(`${emu.urls.konigle}/cloud/api/v1/spaces`);
    expect([none.status, await none.json()]).toEqual([401, { detail: 'Authentication credentials were not provided.' }]);
    const bearer = await fetch(`${emu.urls.konigle}/cloud/api/v1/spaces`, { headers: { authorization: `Bearer ${KONIGLE_KEY}` } });
    expect(bearer.status).toBe(401);
  });

  it('has no trailing slashes on its paths', async () => {
    expect((await konigle('/cloud/api/v1/spaces')).status).toBe(200);
    expect((await konigle('/cloud/api/v1/spaces/')).status).toBe(404);
  });

  it('lists in the DRF envelope with ids as bare numbers past 2^53', async () => {
    const app = await emu.seedWebApp('shop');
    const text = await (await konigle(`/cloud/api/v1/spaces?webapp_id=${app.webapp_id}&page_size=1`)).text();
    expect(text).toContain(`"id":${app.uat_space_id}`);
    const page = JSON.parse(text) as { next: string };
    expect(page).toMatchObject({ count: 2, previous: null, num_pages: 2 });
    expect(page.next).toContain('page=2');
  });

  it('refuses a deploy without the file part, naming the field, and a file that is not a ZIP', async () => {
    const app = await emu.seedWebApp('shop');
    const noFile = new FormData();
    noFile.set('display_name', 'x');
    const missing = await konigle(`/cloud/api/v1/spaces/${app.uat_space_id}/deploy`, { method: 'POST', body: noFile });
    expect([missing.status, await missing.json()]).toEqual([400, { file: ['No file was submitted.'] }]);
    const junk = new FormData();
    junk.set('file', new Blob(['not a zip'], { type: 'application/zip' }), 'app.zip');
    const bad = await konigle(`/cloud/api/v1/spaces/${app.uat_space_id}/deploy`, { method: 'POST', body: junk });
    expect([bad.status, await bad.json()]).toEqual([400, { file: ['The submitted file is not a valid ZIP archive.'] }]);
  });

  it('creates computers answering the resource and its job id, as the SDK returns them', async () => {
    const res = await konigle('/cloud/api/v1/computers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ display_name: 'Box', size: 'M', region: 'nyc3' }),
    });
    const body = await json<{ computer: unknown; job_id: string }>(res);
    expect(res.status).toBe(201);
    expect(body.computer).toMatchObject({ size: 'M', region: 'nyc3', status: 'provisioning', public_ip: null });
    expect(body.job_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('Konigle emulator: provisioning', () => {
  const post = (path: string, body: unknown) => konigle(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const untilEnded = async (jobId: string) => {
    for (;;) {
      const job = await json<JobView>(konigle(`/cloud/api/v1/jobs/${jobId}`));
      if (job.completed_at) return job;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('answers 501 naming a route it does not implement, 404 for a missing resource or a trailing slash', async () => {
    const unknown = await konigle('/cloud/api/v1/cronjobs');
    expect([unknown.status, await unknown.json()]).toEqual([501, { detail: 'The emulator does not implement GET /cloud/api/v1/cronjobs.' }]);
    const method = await konigle('/cloud/api/v1/webapps/123', { method: 'DELETE' });
    expect([method.status, await method.json()]).toEqual([501, { detail: 'The emulator does not implement DELETE /cloud/api/v1/webapps/123.' }]);
    expect((await konigle('/cloud/api/v1/computers/123')).status).toBe(404);
    expect((await konigle('/cloud/api/v1/computers/')).status).toBe(404);
  });

  it('fails provisioning when told to: the Job fails with its log and the Computer is in error', async () => {
    await emu.control('POST', '/konigle/config', { snowflakesAsNumbers: false });
    await emu.control('POST', '/konigle/provisioning', { fail: 'computer', log: ['quota exceeded for size L'] });
    const { computer, job_id } = await json<{ computer: ComputerView; job_id: string }>(
      post('/cloud/api/v1/computers', { name: 'box', display_name: 'Box', size: 'L', region: 'nyc3' }),
    );
    const job = await untilEnded(job_id);
    expect(job).toMatchObject({ status: 'failed', task_name: 'provision_computer' });
    expect(job.log.at(-1)).toBe('quota exceeded for size L');
    const after = await json<unknown>(konigle(`/cloud/api/v1/computers/${computer.id}`));
    expect(after).toMatchObject({ status: 'error', public_ip: null });
  });

  it('gives a new web app its uat and production Spaces, and refuses a taken name or a bad choice', async () => {
    await emu.control('POST', '/konigle/config', { snowflakesAsNumbers: false });
    const { computer, job_id } = await json<{ computer: ComputerView; job_id: string }>(
      post('/cloud/api/v1/computers', { name: 'box', display_name: 'Box', size: 'S', region: 'nyc3' }),
    );
    await untilEnded(job_id);
    const bad = await post('/cloud/api/v1/webapps', { computer_id: computer.id, name: 'blog', runtime: 'ruby', web_server: 'nginx' });
    expect([bad.status, await bad.json()]).toEqual([400, { runtime: ['"ruby" is not a valid choice.'] }]);
    const made = await json<{ id: string; job_id: string }>(
      post('/cloud/api/v1/webapps', { computer_id: computer.id, name: 'blog', runtime: 'nodejs', web_server: 'nginx' }),
    );
    expect(made).not.toHaveProperty('computer');
    const spaces = await json<SpacePage>(konigle(`/cloud/api/v1/spaces?webapp_id=${made.id}`));
    expect(spaces.results.map((s) => [s.space_type, s.status])).toEqual([
      ['uat', 'provisioning'],
      ['production', 'provisioning'],
    ]);
    await untilEnded(made.job_id);
    const settled = await json<SpacePage>(konigle(`/cloud/api/v1/spaces?webapp_id=${made.id}`));
    expect(settled.results.map((s) => s.status)).toEqual(['running', 'running']);
    const again = await post('/cloud/api/v1/webapps', { computer_id: computer.id, name: 'blog', runtime: 'nodejs', web_server: 'nginx' });
    expect([again.status, await again.json()]).toEqual([400, { name: ['web app with this name already exists.'] }]);
  });
});

describe('GitHub emulator', () => {
  const gh = (path: string, init: RequestInit = {}) =>
    fetch(`${emu.urls.github}${path}`, { ...init, headers: { authorization: `token ${GITHUB_TOKEN}`, ...init.headers } });

  it('answers 403 on GET /user for the workflow token and names the bot through GraphQL', async () => {
    const user = await gh('/user');
    expect([user.status, (await json<{ message: string }>(user)).message]).toEqual([403, 'Resource not accessible by integration']);
    const viewer = await gh('/graphql', { method: 'POST', body: JSON.stringify({ query: 'query { viewer { login } }' }) });
    expect(await viewer.json()).toEqual({ data: { viewer: { login: 'github-actions[bot]' } } });
  });

  it('pages comments 30 at a time by default with a Link header', async () => {
    await emu.control('POST', '/github/comments', { issue: 3, count: 65 });
    const first = await gh('/repos/acme/shop/issues/3/comments');
    expect(((await first.json()) as unknown[]).length).toBe(30);
    expect(first.headers.get('link')).toMatch(/page=2&per_page=30>; rel="next", <.*page=3&per_page=30>; rel="last"/);
    const last = await gh('/repos/acme/shop/issues/3/comments?per_page=30&page=3');
    expect(((await last.json()) as unknown[]).length).toBe(5);
  });

  it('refuses a comment body over 65,536 characters', async () => {
    const res = await gh('/repos/acme/shop/issues/3/comments', { method: 'POST', body: JSON.stringify({ body: 'x'.repeat(65_537) }) });
    expect(res.status).toBe(422);
  });
});

describe('GitHub emulator: comments', () => {
  const github = (path: string, init: RequestInit = {}) =>
    fetch(`${emu.urls.github}${path}`, { ...init, headers: { authorization: `token ${GITHUB_TOKEN}`, 'content-type': 'application/json', ...init.headers } });

  it('deletes a comment for its author only: 204, then 404; 403 for someone else’s', async () => {
    const [theirs] = await emu.control<number[]>('POST', '/github/comments', { issue: 3, login: 'reviewer' });
    const mine = await json<{ id: number }>(github('/repos/acme/shop/issues/3/comments', { method: 'POST', body: JSON.stringify({ body: 'ours' }) }));
    expect((await github(`/repos/acme/shop/issues/comments/${theirs}`, { method: 'DELETE' })).status).toBe(403);
    expect((await github(`/repos/acme/shop/issues/comments/${mine.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await github(`/repos/acme/shop/issues/comments/${mine.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await emu.githubState()).comments.map((c) => c.id)).toEqual([theirs]);
  });
});
