import { beforeEach, describe, expect, it } from '@jest/globals';
import { parseJson } from '../../src/http/request.js';
import { errorKind, KonigleApiError } from '../../src/konigle/errors.js';
import { KonigleHttp } from '../../src/konigle/http.js';
import { formatLogEntry, getJob } from '../../src/konigle/jobs.js';
import { getSpace, promoteSpace, resolveUatSpace } from '../../src/konigle/spaces.js';
import { Space, spaceUrl } from '../../src/konigle/models.js';
import { KONIGLE_KEY, useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
let http: KonigleHttp;
beforeEach(() => {
  http = new KonigleHttp({ baseUrl: `${emu.urls.konigle}/`, apiKey: KONIGLE_KEY, timeoutMs: 2000 });
});

async function caught(promise: Promise<unknown>): Promise<KonigleApiError> {
  try {
    await promise;
  } catch (error) {
    return error as KonigleApiError;
  }
  throw new Error('expected a rejection');
}

describe('Konigle client', () => {
  it('sends Token auth, Accept and our User-Agent, joining a prefixed base without a double slash', async () => {
    const app = await emu.seedWebApp('shop');
    await getSpace(http, app.uat_space_id);
    const [request] = await emu.requests('konigle');
    expect(request.path).toBe(`/cloud/api/v1/spaces/${app.uat_space_id}`);
    expect(request.headers.authorization).toBe(`Token ${KONIGLE_KEY}`);
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers['user-agent']).toMatch(/^konigle-deploy-action\/\d+\.\d+\.\d+/);
  });

  it('keeps 64-bit ids exact although the server sends them as JSON numbers', async () => {
    const app = await emu.seedWebApp('shop');
    expect(BigInt(app.uat_space_id)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    const space = await getSpace(http, app.uat_space_id);
    expect(space.id).toBe(app.uat_space_id);
    expect(space.webapp).toBe(app.webapp_id);
    expect(parseJson('{"id": 1700000000000000123, "n": 1.5}')).toEqual({ id: '1700000000000000123', n: 1.5 });
  });

  it('finds the uat Space across several pages of the list', async () => {
    for (let i = 0; i < 130; i++) await emu.seedWebApp(`filler-${i}`);
    const app = await emu.seedWebApp('target');
    const space = await resolveUatSpace(http, { webappId: app.webapp_id });
    expect(space.id).toBe(app.uat_space_id);
    const all = await http.list('/cloud/api/v1/spaces', {}, 50);
    expect(all.items).toHaveLength(262);
    expect((await emu.requests('konigle')).filter((r) => r.query.page === '6')).toHaveLength(1);
  });

  it('says which web app has no uat Space', async () => {
    await expect(resolveUatSpace(http, { webappId: '999' })).rejects.toThrow("No uat Space found for webapp-id '999'");
  });

  it('maps a wrong key to an authentication error that names the input', async () => {
    const bad = new KonigleHttp({ baseUrl: emu.urls.konigle, apiKey: 'wrong' });
    const error = await caught(getJob(bad, 'x'));
    expect(error).toBeInstanceOf(KonigleApiError);
    expect([error.status, error.kind, error.detail]).toEqual([401, 'authentication', 'Invalid token.']);
    expect(error.message).toContain('api-key');
    expect(error.message).not.toContain('wrong');
  });

  it('carries DRF field errors, detail, message and a bare status', async () => {
    await emu.fault({ service: 'konigle', path: '/jobs/a', status: 400, body: { file: ['No file was submitted.'], display_name: ['Too long.'] } });
    await emu.fault({ service: 'konigle', path: '/jobs/b', status: 409, body: { message: 'busy' } });
    await emu.fault({ service: 'konigle', path: '/jobs/c', status: 502, body: '<html>bad gateway</html>' });
    await emu.fault({ service: 'konigle', path: '/jobs/d', status: 429, body: { detail: 'Slow down.', retry_after: 7 } });
    const [a, b, c, d] = await Promise.all(['a', 'b', 'c', 'd'].map((id) => caught(getJob(http, id, { retry: false }))));
    expect([a.kind, a.detail]).toEqual(['validation', 'file: No file was submitted.; display_name: Too long.']);
    expect(a.message).toBe('Konigle API GET /cloud/api/v1/jobs/a answered 400 validation: file: No file was submitted.; display_name: Too long.');
    expect([b.kind, b.detail]).toEqual(['conflict', 'busy']);
    expect([c.kind, c.detail]).toEqual(['server', 'HTTP 502']);
    expect([d.kind, d.retryAfterSeconds]).toEqual(['rate_limit', 7]);
    expect(errorKind(403)).toBe('authorization');
    expect(errorKind(404)).toBe('not_found');
  });

  it('names the missing field and the endpoint when an answer is incomplete', async () => {
    await emu.fault({ service: 'konigle', path: '/jobs/j1', status: 200, body: { id: 'j1', log: [] } });
    await expect(getJob(http, 'j1')).rejects.toThrow("Konigle API GET /cloud/api/v1/jobs/j1: the Job in the answer is not as expected: missing field 'status'");
  });

  it('times out a request that gets no answer', async () => {
    await emu.fault({ service: 'konigle', path: '/jobs/slow', delayMs: 1500, status: 200, body: {} });
    const quick = new KonigleHttp({ baseUrl: emu.urls.konigle, apiKey: KONIGLE_KEY, timeoutMs: 200 });
    await expect(getJob(quick, 'slow', { retry: false })).rejects.toThrow('GET http://127.0.0.1');
  });

  it('tries a GET again after a 502 or a 429, but never repeats a POST', async () => {
    const app = await emu.seedWebApp('shop');
    await emu.fault({ service: 'konigle', method: 'GET', path: '/spaces/', status: 502, body: 'bad gateway' });
    await emu.fault({ service: 'konigle', method: 'GET', path: '/spaces/', status: 429, body: { detail: 'Slow down.', retry_after: 1 } });
    expect((await getSpace(http, app.uat_space_id)).id).toBe(app.uat_space_id);
    expect((await emu.requests('konigle')).map((r) => r.status)).toEqual([502, 429, 200]);

    await emu.fault({ service: 'konigle', method: 'POST', path: '/promote', status: 502, body: 'bad gateway' });
    await expect(promoteSpace(http, app.uat_space_id)).rejects.toThrow('answered 502 server');
    expect((await emu.requests('konigle')).filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});

describe('models', () => {
  const base = { id: 1, space_type: 'uat', status: 'running', platform_domain: 'shop-uat.hostbento.app', created_at: 'now' };
  it('uses the custom domain only once it is active', () => {
    expect(spaceUrl(Space.parse(base))).toBe('https://shop-uat.hostbento.app');
    expect(spaceUrl(Space.parse({ ...base, custom_domain: 'shop.com', custom_domain_status: 'pending' }))).toBe('https://shop-uat.hostbento.app');
    expect(spaceUrl(Space.parse({ ...base, custom_domain: 'shop.com', custom_domain_status: 'active' }))).toBe('https://shop.com');
  });

  it('tolerates unknown fields and keeps them', () => {
    expect(Space.parse({ ...base, brand_new: true })).toMatchObject({ id: '1', brand_new: true });
  });
});

describe('formatLogEntry', () => {
  it.each([
    ['plain line', 'plain line'],
    [{ timestamp: '12:00', level: 'info', message: 'Started' }, '[12:00] INFO Started'],
    [{ msg: 'via msg', levelname: 'WARNING' }, 'WARNING via msg'],
    [{ text: 'via text' }, 'via text'],
    [{ detail: 'via detail', ts: 5 }, '[5] via detail'],
    [{ step: 3, ok: true }, '{"step":3,"ok":true}'],
    [42, '42'],
  ])('%j → %s', (entry, line) => expect(formatLogEntry(entry)).toBe(line));
});
