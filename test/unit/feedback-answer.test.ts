// The feedback request body and the matching of Konan's 207 answer to the rows sent, through the
// real Konan client over HTTP: a local server stands for Konan and answers as a server could
// (another order, another case, rows left out), which the emulator never does.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KonanAuth } from '../../src/konan/auth.js';
import { sendFeedback } from '../../src/konan/feedback.js';
import { KonanHttp } from '../../src/konan/http.js';

const batch = [
  { prediction_uuid: randomUUID(), target: { label: 'naïve "quoted" \\ 🙂', scores: [0.1, 2e-7] } },
  { prediction_uuid: randomUUID().toUpperCase(), target: 'cat\n' },
  { prediction_uuid: randomUUID(), target: 0 },
  { prediction_uuid: randomUUID(), target: false },
];
type Sent = { feedback: { prediction_uuid: string; target: unknown }[] };
const item = (uuid: string, status: number) => ({ prediction_uuid: uuid, status, message: status === 201 ? 'success' : 'failure' });

let answer: (sent: Sent) => unknown = () => ({});
let received: { body: Sent; contentLength?: string }[] = [];
let server: http.Server;
let konan: KonanHttp;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/api/auth/api_key/') return res.end(JSON.stringify({ access: 'token-a', refresh: 'token-r' }));
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Sent;
      received.push({ body, contentLength: req.headers['content-length'] });
      res.statusCode = 207;
      res.end(JSON.stringify(answer(body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  konan = new KonanHttp({ apiUrl: base, auth: new KonanAuth({ authUrl: base, credentials: { apiKey: 'key' } }) });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('a feedback call', () => {
  it('sends the rows as given, targets of any kind, with their exact length', async () => {
    received = [];
    answer = (sent) => ({ data: sent.feedback.map((r) => item(r.prediction_uuid, 201)), success: 4, failure: 0, total: 4 });
    await sendFeedback(konan, 'dep', batch);
    expect(received[0].body).toEqual({ feedback: batch });
    expect(Number(received[0].contentLength)).toBe(Buffer.byteLength(JSON.stringify({ feedback: batch })));
  });

  it('sends a valid body even for an id that is not a 36-character uuid (the check pass normally stops those)', async () => {
    received = [];
    const odd = [{ prediction_uuid: 'x'.repeat(40), target: 'kept whole' }, ...batch.slice(0, 1)];
    answer = (sent) => ({ data: sent.feedback.map((r) => item(r.prediction_uuid, 201)), success: 2, failure: 0, total: 2 });
    await sendFeedback(konan, 'dep', odd);
    expect(received[0].body).toEqual({ feedback: odd });
  });

  it('matches the answer to the rows by uuid, whatever its order and case; a row it leaves out has no status', async () => {
    answer = () => ({
      data: [item(batch[3].prediction_uuid, 404), item(batch[1].prediction_uuid.toLowerCase(), 201), item(batch[0].prediction_uuid.toUpperCase(), 409)],
      success: 1,
      failure: 2,
      total: 3,
    });
    const result = await sendFeedback(konan, 'dep', batch);
    expect(result.statuses).toEqual([{ status: 409, message: 'failure' }, { status: 201, message: 'success' }, undefined, { status: 404, message: 'failure' }]);
    expect(result.mismatch).toMatch(/disagree/);
  });

  it('in the order sent, gives each row its own status', async () => {
    answer = (sent) => ({ data: sent.feedback.map((r, i) => item(r.prediction_uuid.toLowerCase(), i % 2 ? 201 : 404)), success: 2, failure: 2, total: 4 });
    const result = await sendFeedback(konan, 'dep', batch);
    expect(result.statuses.map((s) => s?.status)).toEqual([404, 201, 404, 201]);
    expect(result.mismatch).toBeUndefined();
  });
});
