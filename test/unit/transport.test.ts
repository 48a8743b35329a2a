// The HTTP exchange every API call makes (src/http/transport.ts through send()), against small local
// servers: redirects followed as fetch would, our token kept to its origin, compressed answers read,
// and transport failures named by their system code.
import { afterEach, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { send, serverDidNotAct, TransportError } from '../../src/http/request.js';

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A server on 127.0.0.1 answering with `handle`; returns its base URL and what it saw. */
async function serve(handle: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      handle(req, res, body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const post = (url: string, timeoutMs = 5000) =>
  send({ method: 'POST', url, headers: { Authorization: 'Token sekret', 'Content-Type': 'application/json' }, body: '{"a":1}', timeoutMs });

describe('send', () => {
  it('follows a 307/308 with the same method, body and token on the same origin', async () => {
    const target = await serve((req, res) => {
      if (req.url === '/old/') return res.writeHead(307, { Location: '/new/' }).end();
      res.writeHead(201, { 'Content-Type': 'application/json', 'Retry-After': '3' }).end('{"ok":true}');
    });
    const answer = await post(`${target.base}/old/`);
    expect(answer).toMatchObject({ status: 201, text: '{"ok":true}' });
    expect(answer.headers.get('retry-after')).toBe('3');
    expect(answer.headers.get('Content-Type')).toBe('application/json');
    expect(target.seen.map((s) => [s.method, s.url, s.authorization, s.body])).toEqual([
      ['POST', '/old/', 'Token sekret', '{"a":1}'],
      ['POST', '/new/', 'Token sekret', '{"a":1}'],
    ]);
  });

  it('goes on as a GET after a 303, and never sends the token to another origin', async () => {
    const other = await serve((_req, res) => res.writeHead(200).end('elsewhere'));
    const first = await serve((_req, res) => res.writeHead(303, { Location: `${other.base}/landing` }).end());
    const answer = await post(`${first.base}/start`);
    expect(answer.text).toBe('elsewhere');
    expect(other.seen).toEqual([{ method: 'GET', url: '/landing', authorization: undefined, body: '' }]);
  });

  it('refuses to carry a request body to another origin, and stops a redirect loop', async () => {
    const other = await serve((_req, res) => res.writeHead(200).end('should not be reached'));
    const first = await serve((req, res) => res.writeHead(307, { Location: req.url === '/loop' ? '/loop' : `${other.base}/token/` }).end());
    await expect(post(`${first.base}/auth`)).rejects.toThrow(
      `POST ${first.base}/auth: answered 307 to another origin (${other.base}); not sending the request there`,
    );
    expect(other.seen).toEqual([]);
    await expect(send({ method: 'GET', url: `${first.base}/loop`, timeoutMs: 5000 })).rejects.toThrow('more than 20 redirects');
  });

  it('reads a compressed answer, an empty one labelled compressed, and drops a leading BOM', async () => {
    const target = await serve((req, res) => {
      if (req.url === '/gzip') return res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(gzipSync('{"compressed":true}'));
      if (req.url === '/empty') return res.writeHead(202, { 'Content-Encoding': 'gzip', 'Content-Length': '0' }).end();
      if (req.url === '/none') return res.writeHead(204, { 'Content-Encoding': 'gzip' }).end();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('\uFEFF{"id":1}');
    });
    expect((await post(`${target.base}/gzip`)).text).toBe('{"compressed":true}');
    expect(await post(`${target.base}/empty`)).toMatchObject({ status: 202, text: '' });
    expect(await post(`${target.base}/none`)).toMatchObject({ status: 204, text: '' });
    expect((await post(`${target.base}/bom`)).text).toBe('{"id":1}');
  });

  it('names a refused connection by its code, as a call the server never saw', async () => {
    const gone = await serve(() => undefined);
    const url = gone.base;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const error = await post(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('ECONNREFUSED');
    expect((error as TransportError).message).toBe(`POST ${url}: ECONNREFUSED`);
    expect(serverDidNotAct(error)).toBe(true);
  });

  it('names a reset, and a server that never answers, without claiming the server did not act', async () => {
    const resets = await serve((req) => req.socket.destroy());
    const reset = (await post(resets.base).catch((e: unknown) => e)) as TransportError;
    expect(reset.code).toBe('ECONNRESET');
    expect(serverDidNotAct(reset)).toBe(false);
    const silent = await serve(() => undefined);
    const timeout = (await post(silent.base, 300).catch((e: unknown) => e)) as TransportError;
    expect(timeout).toMatchObject({ timedOut: true, message: `POST ${silent.base}: no answer within 0s` });
    expect(serverDidNotAct(timeout)).toBe(false);
  });
});
