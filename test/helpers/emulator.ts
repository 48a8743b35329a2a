// Starts the emulator in this process and drives it through its HTTP control endpoint.
import { startEmulator, type Emulator } from '../../emulator/server.js';
import { emulatorControl } from '../../scripts/emulator-control.js';

export const KONIGLE_KEY = 'kk_test_9f8e7d6c5b4a39281706';
export const GITHUB_TOKEN = 'ghs_test_workflow_token_1a2b3c4d5e';
export const KONAN_KEY = 'konan_test_key_77e1c2d3';

export class EmulatorHandle {
  private constructor(readonly emulator: Emulator) {}

  static async start(): Promise<EmulatorHandle> {
    const handle = new EmulatorHandle(await startEmulator());
    await handle.reset();
    return handle;
  }

  get urls() {
    return this.emulator.urls;
  }

  control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
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
    const { uuid } = await this.control('POST', '/konan/deployments', { name: 'churn-model' });
    const { uuids } = await this.control('POST', '/konan/predictions', { deployment: uuid, count });
    if (feedbackGiven) await this.control('POST', '/konan/predictions', { deployment: uuid, uuids: uuids.slice(0, feedbackGiven), feedbackGiven: uuids.slice(0, feedbackGiven) });
    return { deployment: uuid, uuids };
  }

  async konanFeedback(deployment: string): Promise<{ prediction_uuid: string; target: unknown }[]> {
    const state = await this.control('GET', `/konan/state?deployment=${deployment}`);
    return state.deployments.find((d: { uuid: string }) => d.uuid === deployment).feedback;
  }

  githubState() {
    return this.control<{ comments: any[]; deployments: any[] }>('GET', '/github/state');
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
    return this.control<{ deployments: any[]; spaces: any[]; jobs: any[]; webapps: any[]; computers: any[] }>('GET', '/konigle/state');
  }

  requests(service?: string) {
    return this.control<any[]>('GET', `/requests${service ? `?service=${service}` : ''}`);
  }

  close() {
    return this.emulator.close();
  }
}

/** The inputs every Konigle e2e run needs, pointed at this emulator. */
export function konigleInputs(emu: EmulatorHandle, webappId: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'api-key': KONIGLE_KEY, 'api-url': emu.urls.konigle, 'webapp-id': webappId, 'github-token': GITHUB_TOKEN, 'poll-interval': '100ms', ...extra };
}
