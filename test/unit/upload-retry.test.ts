// An upload refused at the connection (the server cannot have seen it) is sent again; the upload
// that then arrives is whole. Through a real socket: nothing listens on the port at first.
import { describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { writeFile, mkdtemp } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { KonigleHttp } from '../../src/konigle/http.js';
import { deployToSpace } from '../../src/konigle/spaces.js';

describe('deployToSpace', () => {
  it('sends the archive again when the connection was refused, and the server gets it whole', async () => {
    const probe = http.createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    probe.close();
    await once(probe, 'close');

    const zip = path.join(await mkdtemp(path.join(os.tmpdir(), 'upload-')), 'app.zip');
    await writeFile(zip, Buffer.alloc(300_000, 7));
    const upload = deployToSpace(new KonigleHttp({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'k' }), '1', {
      zipPath: zip,
      fieldName: 'file',
      displayName: 'retry',
      timeoutMs: 10_000,
    });

    // The first try is refused; the server comes up during the 1 s pause before the second.
    await new Promise((r) => setTimeout(r, 300));
    let received = 0;
    const server = http.createServer((req, res) => {
      req.on('data', (c: Buffer) => (received += c.length));
      req.on('end', () => {
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: 9, display_name: 'retry', job_id: 'j1', space_id: 1, created_at: null }));
      });
    });
    server.listen(port, '127.0.0.1');
    try {
      await expect(upload).resolves.toMatchObject({ id: '9', job_id: 'j1' });
      expect(received).toBeGreaterThan(300_000);
    } finally {
      server.close();
    }
  });
});
