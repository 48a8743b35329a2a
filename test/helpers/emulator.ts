// Starts the emulator in this process and drives it through its HTTP control endpoint.
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { startEmulator, type Emulator } from '../../emulator/server.js';
import { emulatorControl } from '../../scripts/emulator-control.js';
import type { RecordedRequest } from '../../emulator/core.js';
import type { EmuComment, EmuDeployment as GitHubDeployment } from '../../emulator/github.js';
import type { viewJob } from '../../emulator/jobs.js';
import type { EmuDeployment, EmuSpace, KonigleState } from '../../emulator/konigle.js';
import type { EmuComputer } from '../../emulator/provisioning.js';

/** What GET /_emulator/konigle/state answers. */
export interface KonigleStateView {
  computers: EmuComputer[];
  webapps: (KonigleState['webapps'] extends Map<string, infer W> ? W : never)[];
  spaces: EmuSpace[];
  deployments: EmuDeployment[];
  jobs: ReturnType<typeof viewJob>[];
}

/** What GET /_emulator/konan/state answers; `feedback` only for the deployment asked for. */
export interface KonanStateView {
  deployments: {
    uuid: string;
    name: string;
    predictions: number;
    models: { uuid: string; name: string; state: string; image_url: string; exposed_port: number; running: boolean }[];
    feedback?: { prediction_uuid: string; target: unknown }[];
  }[];
}

/** What GET /_emulator/github/state answers. */
export interface GitHubStateView {
  comments: EmuComment[];
  deployments: GitHubDeployment[];
}

export const KONIGLE_KEY = 'kk_test_9f8e7d6c5b4a39281706';
export const GITHUB_TOKEN = 'ghs_test_workflow_token_1a2b3c4d5e';
export const KONAN_KEY = 'konan_test_key_77e1c2d3';

export class EmulatorHandle {
  /** Set by open(); a handle exists before its emulator so a file can hold it from the start. */
  private started?: Emulator;

  static start(): Promise<EmulatorHandle> {
    return new EmulatorHandle().open();
  }

  /** Starts the emulator and resets it to the test configuration. */
  async open(): Promise<this> {
    this.started = await startEmulator();
    await this.reset();
    return this;
  }

  get emulator(): Emulator {
    if (!this.started) throw new Error('the emulator is not started: call open() first');
    return this.started;
  }

  get urls() {
    return this.emulator.urls;
  }

  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    return emulatorControl<T>(this.urls.control, method, path, body);
  }

  async reset(): Promise<void> {
    await this.control('POST', '/reset');
    await this.control('POST', '/konigle/config', { apiKeys: [KONIGLE_KEY], jobDurationMs: 300 });
    await this.control('POST', '/github/config', { tokens: { [GITHUB_TOKEN]: { login: 'github-actions[bot]', kind: 'installation' } } });
    await this.control('POST', '/konan/config', { apiKeys: [KONAN_KEY] });
  }

  /** A Konan deployment with `count` predictions; returns its uuid and the predictions' uuids. */
  async konanDeployment(count: number, feedbackGiven = 0): Promise<{ deployment: string; uuids: string[] }> {
    const { uuid } = await this.control<{ uuid: string }>('POST', '/konan/deployments', { name: 'churn-model' });
    const { uuids } = await this.control<{ uuids: string[] }>('POST', '/konan/predictions', { deployment: uuid, count });
    if (feedbackGiven)
      await this.control('POST', '/konan/predictions', {
        deployment: uuid,
        uuids: uuids.slice(0, feedbackGiven),
        feedbackGiven: uuids.slice(0, feedbackGiven),
      });
    return { deployment: uuid, uuids };
  }

  async konanFeedback(deployment: string): Promise<{ prediction_uuid: string; target: unknown }[]> {
    const state = await this.control<KonanStateView>('GET', `/konan/state?deployment=${deployment}`);
    return state.deployments.find((d) => d.uuid === deployment)?.feedback ?? [];
  }

  githubState() {
    return this.control<GitHubStateView>('GET', '/github/state');
  }

  /** The comments this action wrote on an issue: those that carry its key marker. */
  async ourComments(issue: number) {
    return (await this.githubState()).comments.filter((c) => c.issue === issue && c.body.includes('konigle-deploy-action key='));
  }

  /** Requests that could change something: anything but GET (control calls are not recorded). */
  async mutations() {
    return (await this.requests()).filter((r) => r.method !== 'GET' && !(r.service === 'github' && r.path === '/graphql'));
  }

  /** Seeds a web app; ids come back as strings (they exceed 2^53). */
  seedWebApp(name: string, extra: Record<string, unknown> = {}) {
    return this.control<{ webapp_id: string; uat_space_id: string; production_space_id: string }>('POST', '/konigle/webapps', { name, ...extra });
  }

  nextJob(plan: { outcome: 'success' | 'failed' | 'hang' | (string & {}); durationMs?: number; log?: unknown[]; completes?: boolean }) {
    return this.control('POST', '/konigle/jobs/next', plan);
  }

  fault(fault: Record<string, unknown>) {
    return this.control('POST', '/faults', fault);
  }

  konigleState() {
    return this.control<KonigleStateView>('GET', '/konigle/state');
  }

  requests(service?: string) {
    return this.control<RecordedRequest[]>('GET', `/requests${service ? `?service=${service}` : ''}`);
  }

  close() {
    return this.emulator.close();
  }
}

/** One emulator for the file: started before all tests, closed after them, reset before each. Register it before the file's own hooks. */
export function useEmulator(): EmulatorHandle {
  const emu = new EmulatorHandle();
  beforeAll(async () => {
    await emu.open();
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    await emu.reset();
  });
  return emu;
}

/** The inputs every Konigle e2e run needs, pointed at this emulator. */
export function konigleInputs(emu: EmulatorHandle, webappId: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'api-key': KONIGLE_KEY, 'api-url': emu.urls.konigle, 'webapp-id': webappId, 'github-token': GITHUB_TOKEN, 'poll-interval': '100ms', ...extra };
}

/** The Konan credentials and URLs a Konan run needs, pointed at this emulator; `extra` adds or overrides. */
export function konanInputs(emu: EmulatorHandle, extra: Record<string, string> = {}): Record<string, string> {
  return { 'konan-api-key': KONAN_KEY, 'konan-api-url': emu.urls.konan, 'konan-auth-url': emu.urls.konan, ...extra };
}
