// Konan tokens: log in (API key preferred, email/password otherwise), refresh ahead of the
// access token's `exp`, log in again when the refresh token has expired too. One renewal runs at
// a time however many requests ask for a token. Every credential and token is masked at once.
import { addSecret } from '../redact.js';
import { KonanAuthError } from './errors.js';
import { jsonAnswer, requestJson } from './http.js';

export type KonanCredentials = { apiKey: string } | { email: string; password: string };

interface Token {
  value: string;
  /** ms since epoch; undefined when the payload cannot be read (then only a 401 renews it). */
  expiresAt?: number;
  lifetimeMs?: number;
}

/** Reads `exp` (and `iat`) from a JWT's payload; no signature check, as the contract says. */
export function readJwt(token: string, now = Date.now()): Omit<Token, 'value'> {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp?: unknown; iat?: unknown } | null;
    if (typeof payload?.exp !== 'number') return {};
    const expiresAt = payload.exp * 1000;
    const issuedAt = typeof payload.iat === 'number' ? payload.iat * 1000 : now;
    return { expiresAt, lifetimeMs: Math.max(0, expiresAt - issuedAt) };
  } catch {
    return {};
  }
}

/** Renew this long before expiry: 30 s, or a tenth of a short-lived token's life. */
export function renewMargin(token: Token): number {
  return token.lifetimeMs === undefined ? 30_000 : Math.min(30_000, token.lifetimeMs / 10);
}

export class KonanAuth {
  private access?: Token;
  private refresh?: Token;
  private renewing?: Promise<string>;

  constructor(private readonly options: { authUrl: string; credentials: KonanCredentials; timeoutMs?: number }) {
    for (const secret of Object.values(options.credentials)) addSecret(secret);
  }

  private async post(path: string, body: unknown): Promise<Record<string, unknown>> {
    const res = await requestJson('POST', this.options.authUrl, path, body, this.options.timeoutMs ?? 30_000);
    return (jsonAnswer(`POST ${path}`, res) ?? {}) as Record<string, unknown>;
  }

  private keep(kind: 'access' | 'refresh', value: unknown): void {
    if (typeof value !== 'string' || value === '') return;
    addSecret(value);
    this[kind] = { value, ...readJwt(value) };
  }

  private async login(): Promise<string> {
    const { credentials } = this.options;
    const [path, body, input] =
      'apiKey' in credentials
        ? ['/api/auth/api_key/', { api_key: credentials.apiKey }, 'konan-api-key']
        : ['/api/auth/login/', { email: credentials.email, password: credentials.password }, 'konan-email and konan-password'];
    let answer: Record<string, unknown>;
    try {
      answer = await this.post(path, body);
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 400 || status === 401 || status === 403) {
        throw new KonanAuthError(`Konan login failed: ${(error as Error).message} (check ${input})`);
      }
      throw error;
    }
    if (typeof answer.access !== 'string') throw new KonanAuthError(`Konan login answered without an 'access' token (POST ${path})`);
    this.keep('access', answer.access);
    this.keep('refresh', answer.refresh);
    return answer.access;
  }

  private async renew(): Promise<string> {
    const refresh = this.refresh;
    if (refresh && (refresh.expiresAt === undefined || refresh.expiresAt - Date.now() > 5_000)) {
      try {
        const answer = await this.post('/api/auth/token/refresh/', { refresh: refresh.value });
        if (typeof answer.access === 'string') {
          this.keep('access', answer.access);
          this.keep('refresh', answer.refresh);
          return answer.access;
        }
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status !== 400 && status !== 401) throw error;
        // The refresh token was refused: log in again below.
      }
    }
    return this.login();
  }

  private single(work: () => Promise<string>): Promise<string> {
    this.renewing ??= work().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  /** A token good for at least the renewal margin. */
  async token(): Promise<string> {
    if (this.renewing) return this.renewing;
    const access = this.access;
    if (!access) return this.single(() => this.login());
    if (access.expiresAt !== undefined && access.expiresAt - Date.now() <= renewMargin(access)) return this.single(() => this.renew());
    return access.value;
  }

  /** After a 401 with `rejected`: renew once (unless another request already did). */
  async renewAfter401(rejected: string): Promise<string> {
    if (this.access && this.access.value !== rejected) return this.access.value;
    return this.single(() => this.renew());
  }
}
