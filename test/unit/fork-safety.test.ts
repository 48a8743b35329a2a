import { mkdir, mkdtemp, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { isLoopback, pathOutsideWorkspace, readInputs } from '../../src/inputs.js';
import { gatePullRequest, pullRequestOf } from '../../src/pipeline/plan.js';
import { pullRequest } from '../helpers/events.js';

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('API URLs carry credentials: https, or http on loopback only', () => {
  it.each(['https://tim.konigle.com', 'http://127.0.0.1:4010/konigle', 'http://localhost:8080', 'http://[::1]:9000/x', 'http://127.8.0.1'])(
    'accepts %s',
    (url) => {
      expect(readInputs(reader({ 'api-url': url, 'konan-api-url': url, 'konan-auth-url': url }), {})['api-url']).toBe(url);
    },
  );
  it.each(['http://tim.konigle.com', 'http://10.0.0.5', 'http://127.0.0.1.evil.com', 'ftp://x', 'not a url'])('refuses %s, naming each input', (url) => {
    for (const name of ['api-url', 'konan-api-url', 'konan-auth-url']) {
      expect(() => readInputs(reader({ [name]: url }), {})).toThrow(`Input '${name}' is '${url}': expected an https:// URL`);
    }
  });
  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '[::1]', '::1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', 'example.com', '127.0.0.1.nip.io', '[::2]'].some(isLoopback)).toBe(false);
  });
});

describe('path stays inside the workspace', () => {
  it('accepts folders inside, refuses .. and absolute paths elsewhere and symlinks out', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'ws-'));
    await mkdir(path.join(root, 'site'));
    await symlink(os.tmpdir(), path.join(root, 'out'));
    expect(pathOutsideWorkspace(root, '.')).toBeUndefined();
    expect(pathOutsideWorkspace(root, 'site')).toBeUndefined();
    expect(pathOutsideWorkspace(root, path.join(root, 'site'))).toBeUndefined();
    expect(pathOutsideWorkspace(root, 'site/../site')).toBeUndefined();
    expect(pathOutsideWorkspace(root, '../other')).toMatch(/outside the workspace/);
    expect(pathOutsideWorkspace(root, '/etc')).toMatch(/outside the workspace/);
    expect(pathOutsideWorkspace(root, 'out')).toMatch(/symlink/);
  });
});

describe('gatePullRequest', () => {
  const opts = { promote: false, allowForkDeploy: false, missing: [] as string[] };
  const target = (fork: boolean) => ({ ...pullRequest(3, { fork }), name: 'pull_request_target' });

  it('runs on push and on a same-repo pull request', () => {
    expect(gatePullRequest('deploy', { name: 'push', payload: {} }, { ...opts, promote: true })).toEqual({ action: 'run' });
    expect(gatePullRequest('deploy', pullRequest(3), opts)).toEqual({ action: 'run' });
  });
  it('refuses to promote from any pull request event', () => {
    for (const event of [pullRequest(3), target(false), target(true)]) {
      expect(gatePullRequest('promote', event, opts)).toMatchObject({ action: 'error', reason: expect.stringContaining("Input 'command' is 'promote'") });
      expect(gatePullRequest('deploy', event, { ...opts, promote: true })).toMatchObject({
        action: 'error',
        reason: expect.stringContaining("Input 'promote' is true"),
      });
    }
  });
  it('deploys a fork under pull_request_target only with allow-fork-deploy', () => {
    expect(gatePullRequest('deploy', target(true), opts)).toMatchObject({ action: 'skip', reason: expect.stringContaining("'allow-fork-deploy: true'") });
    expect(gatePullRequest('deploy', target(true), { ...opts, allowForkDeploy: true })).toEqual({ action: 'run' });
    expect(gatePullRequest('deploy', target(false), opts)).toEqual({ action: 'run' });
  });
  it('skips a fork or Dependabot without secrets, and only those', () => {
    const missing = ['api-key'];
    expect(gatePullRequest('deploy', pullRequest(3, { fork: true }), { ...opts, missing })).toMatchObject({ action: 'skip', warning: false });
    expect(gatePullRequest('deploy', pullRequest(3), { ...opts, missing, actor: 'dependabot[bot]' })).toMatchObject({
      action: 'skip',
      reason: expect.stringContaining('Dependabot'),
    });
    expect(gatePullRequest('deploy', pullRequest(3), { ...opts, missing, actor: 'alice' })).toEqual({ action: 'run' });
  });
});

describe('pull request rules found in review', () => {
  it('treats a pull request whose head repository was deleted as a fork', () => {
    const event = {
      name: 'pull_request_target',
      payload: { pull_request: { number: 3, head: { sha: 'abc', repo: null }, base: { repo: { full_name: 'acme/shop' } } } },
    };
    expect(pullRequestOf(event)?.fork).toBe(true);
    expect(gatePullRequest('deploy', event, { promote: false, allowForkDeploy: false, missing: [] }).action).toBe('skip');
  });

  it('refuses konan-promote on a pull request, like promote', () => {
    const event = {
      name: 'pull_request',
      payload: { pull_request: { number: 3, head: { sha: 'abc', repo: { full_name: 'acme/shop' } }, base: { repo: { full_name: 'acme/shop' } } } },
    };
    const gate = gatePullRequest('konan-promote', event, { promote: false, allowForkDeploy: false, missing: [] });
    expect(gate).toEqual({ action: 'error', reason: expect.stringContaining("Input 'command' is 'konan-promote' on a pull_request event") });
  });
});
