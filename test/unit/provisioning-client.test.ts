// The Computer and WebApp clients against the emulator, and the create-answer parsing on its own.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { createComputer, findComputer, getComputer } from '../../src/konigle/computers.js';
import { KonigleHttp } from '../../src/konigle/http.js';
import { getJob } from '../../src/konigle/jobs.js';
import { Computer, parseCreated, WebApp } from '../../src/konigle/models.js';
import { createWebApp, findWebApp } from '../../src/konigle/webapps.js';
import { KONIGLE_KEY, useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
let http: KonigleHttp;
beforeEach(() => {
  http = new KonigleHttp({ baseUrl: emu.urls.konigle, apiKey: KONIGLE_KEY, timeoutMs: 2000 });
});

async function untilEnded(jobId: string) {
  for (;;) {
    const job = await getJob(http, jobId);
    if (job.status === 'success' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('parseCreated', () => {
  const computer = { id: 18446744073709551557n.toString(), name: 'box', region: 'nyc3', size: 'M', status: 'provisioning', public_ip: null };

  it('accepts the resource with job_id, and the wrapped pair', () => {
    expect(parseCreated(Computer, { ...computer, job_id: 'j1' }, 'POST /computers', 'computer', 'Computer')).toMatchObject({
      resource: { id: computer.id, name: 'box' },
      jobId: 'j1',
    });
    expect(parseCreated(Computer, { computer, job_id: 'j2' }, 'POST /computers', 'computer', 'Computer')).toMatchObject({
      resource: { id: computer.id },
      jobId: 'j2',
    });
  });

  it('names the missing job_id, and a missing field of the resource, with the endpoint', () => {
    expect(() => parseCreated(Computer, computer, 'POST /computers', 'computer', 'Computer')).toThrow(
      "Konigle API POST /computers: the answer has no 'job_id'",
    );
    expect(() => parseCreated(WebApp, { webapp: { id: '1', name: 'x' }, job_id: 'j' }, 'POST /webapps', 'webapp', 'WebApp')).toThrow("missing field 'runtime'");
  });
});

describe('Computer and WebApp clients', () => {
  it.each(['flat', 'wrapped'])('creates a Computer then a WebApp on it, with %s create answers, ids exact past 2^53', async (shape) => {
    await emu.control('POST', '/konigle/config', { createAnswer: shape });
    const { computer, jobId } = await createComputer(http, { name: 'box', display_name: 'Box', size: 'M', region: 'nyc3' });
    expect(computer).toMatchObject({ name: 'box', status: 'provisioning', public_ip: null });
    expect(BigInt(computer.id)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect((await untilEnded(jobId)).task_name).toBe('provision_computer');
    const ready = await getComputer(http, computer.id);
    expect(ready).toMatchObject({ id: computer.id, status: 'ready', public_ip: expect.stringMatching(/^203\.0\.113\.\d+$/) });
    expect((await findComputer(http, 'box'))?.id).toBe(computer.id);

    const made = await createWebApp(http, {
      computer_id: computer.id,
      name: 'blog',
      runtime: 'python3',
      web_server: 'nginx',
      database: 'postgres',
      cache: undefined,
    });
    expect(made.webapp).toMatchObject({ name: 'blog', runtime: 'python3' });
    await untilEnded(made.jobId);
    expect(await findWebApp(http, 'blog')).toMatchObject({ id: made.webapp.id, computer: computer.id });
    const sent = (await emu.requests('konigle')).filter((r) => r.method === 'POST');
    expect(sent.map((r) => r.path)).toEqual(['/cloud/api/v1/computers', '/cloud/api/v1/webapps']);
    const { webapps } = await emu.konigleState();
    expect(webapps[0]).toMatchObject({ database: 'postgres', cache: null, web_server: 'nginx' });
  });

  it('finds nothing by an unknown name, and refuses a WebApp on a Computer that is not ready', async () => {
    expect(await findComputer(http, 'nope')).toBeUndefined();
    expect(await findWebApp(http, 'nope')).toBeUndefined();
    const { computer } = await createComputer(http, { name: 'box', display_name: 'Box', size: 'S', region: 'nyc3' });
    await expect(createWebApp(http, { computer_id: computer.id, name: 'blog', runtime: 'nodejs', web_server: 'nginx' })).rejects.toThrow(
      'computer_id: Computer is not ready (status provisioning).',
    );
  });
});
