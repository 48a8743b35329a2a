import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { listFiles } from '../../src/archive/files.js';
import { makeTree } from '../helpers/action.js';

const defaults = { ignoreFile: '.konigleignore', exclude: [] };
const names = (listing: Awaited<ReturnType<typeof listFiles>>) => listing.entries.map((e) => e.name);

describe('workspace hygiene', () => {
  it('always leaves out gha-creds-*.json, at any depth, whatever the ignore rules say', async () => {
    const root = await makeTree({
      'index.html': 'x',
      'gha-creds-0a1b2c.json': '{"private_key":"k"}',
      'sub/gha-creds-9.json': '{}',
      'gha-credentials.json': '{}',
    });
    const listing = await listFiles(root, { ignoreFile: '.konigleignore', exclude: ['!gha-creds-*.json'] });
    expect(names(listing)).toEqual(['gha-credentials.json', 'index.html']);
  });

  it('lists files that look like credentials (and packages them)', async () => {
    const root = await makeTree({
      'index.html': 'x',
      '.env': 'SECRET=1',
      '.env.production': 'SECRET=2',
      '.env.example': 'SECRET=',
      'certs/server.pem': '-----BEGIN-----',
      'keys/id_rsa': 'k',
      'keys/id_rsa.pub': 'ssh-rsa',
      '.npmrc': '//registry.npmjs.org/:_authToken=npm_abc\n',
      'sub/.npmrc': 'save-exact=true\n',
    });
    const listing = await listFiles(root, defaults);
    expect(listing.credentialLike).toEqual(['.env', '.env.production', '.npmrc', 'certs/server.pem', 'keys/id_rsa']);
    expect(names(listing)).toContain('.env');
  });

  it('skips a file or folder whose name is not valid UTF-8, naming it, and packages the rest', async () => {
    const root = await makeTree({ 'index.html': 'x', 'café.txt': 'utf-8 is fine' });
    await writeFile(Buffer.concat([Buffer.from(path.join(root, 'caf')), Buffer.from([0xe9]), Buffer.from('.txt')]), 'latin-1 name');
    await mkdir(Buffer.concat([Buffer.from(path.join(root, 'd')), Buffer.from([0xff])]));
    const listing = await listFiles(root, defaults);
    expect(names(listing)).toEqual(['café.txt', 'index.html']);
    expect(listing.skipped).toEqual([
      'caf\\xE9.txt: this file name is not valid UTF-8, so it is left out (rename it to package it)',
      'd\\xFF: this folder name is not valid UTF-8, so it and everything in it are left out (rename it to package it)',
    ]);
  });
});
