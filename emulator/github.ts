// The slice of GitHub's REST (and GraphQL) API the action uses, answering as GitHub does:
// installation tokens get 403 on GET /user; `viewer` names the bot; comments paginate with
// Link headers (30 a page by default, 100 at most), as deployments and statuses do; comments can
// be deleted by their author; bodies over 65,536 characters are refused; a surface can be made read-only.
import { HttpError, json, pageOf, pageSize, readJson, type Reply, type Req, Router } from './core.js';

export interface GitHubToken {
  login: string;
  /** 'installation' is the workflow token (a GitHub App); 'user' a personal access token. */
  kind: 'installation' | 'user';
}

export interface EmuComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
  created_at: string;
  updated_at: string;
}

export interface EmuDeployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  task: string;
  payload: unknown;
  description: string | null;
  production_environment: boolean;
  transient_environment: boolean;
  creator: string;
  created_at: string;
  statuses: { id: number; state: string; environment_url?: string; log_url?: string; description?: string; created_at: string }[];
}

export type Surface = 'comments' | 'deployments';

export class GitHubState {
  tokens: Record<string, GitHubToken> = { ghs_emulator_workflow_token: { login: 'github-actions[bot]', kind: 'installation' } };
  /** Surfaces that answer 403 to writes, as a fork PR's read-only token sees them. */
  readOnly: Partial<Record<Surface, boolean>> = {};
  comments: EmuComment[] = [];
  deployments: EmuDeployment[] = [];
  private nextId = 1000;

  id(): number {
    return ++this.nextId;
  }

  /** A Deployment as another run (or another app of a monorepo) left it, with its statuses in order. */
  addDeployment(input: { sha: string; environment: string; payload?: unknown; states?: string[]; task?: string }): EmuDeployment {
    const at = new Date().toISOString();
    const deployment: EmuDeployment = {
      id: this.id(),
      sha: input.sha,
      ref: input.sha,
      environment: input.environment,
      task: input.task ?? 'deploy:konigle',
      payload: input.payload ?? {},
      description: null,
      production_environment: input.environment === 'production',
      transient_environment: false,
      creator: 'github-actions[bot]',
      created_at: at,
      statuses: [],
    };
    for (const state of input.states ?? []) deployment.statuses.push({ id: this.id(), state, created_at: at });
    this.deployments.push(deployment);
    return deployment;
  }

  addComment(issue: number, body: string, login: string): EmuComment {
    const at = new Date().toISOString();
    const comment: EmuComment = { id: this.id(), issue, body, user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }, created_at: at, updated_at: at };
    this.comments.push(comment);
    return comment;
  }
}

const NOT_ACCESSIBLE = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' };

export function githubRouter(state: GitHubState): Router {
  const auth = (req: Req): GitHubToken => {
    const match = /^(?:token|bearer) (.+)$/i.exec(String(req.headers.authorization ?? ''));
    const token = match && state.tokens[match[1]];
    if (!token) throw new HttpError(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    return token;
  };
  const writable = (surface: Surface) => {
    if (state.readOnly[surface]) throw new HttpError(403, NOT_ACCESSIBLE);
  };
  const render = (req: Req, c: EmuComment) => ({
    ...c,
    issue: undefined,
    html_url: `https://github.com/${req.path.split('/')[2]}/${req.path.split('/')[3]}/pull/${c.issue}#issuecomment-${c.id}`,
  });
  const renderDeployment = ({ statuses: _s, ...d }: EmuDeployment) => ({ ...d, creator: { login: d.creator } });
  // A request body in the shape GitHub's API documents; each route still checks what GitHub validates.
  const body = async <T = Record<string, unknown>>(req: Req) => ((await readJson(req.raw)) ?? {}) as T;
  const checkBody: (text: unknown) => asserts text is string = (text) => {
    if (typeof text !== 'string' || text === '')
      throw new HttpError(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }] });
    if (text.length > 65536) {
      throw new HttpError(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }],
      });
    }
  };

  return new Router()
    .on('POST', '/graphql', async (req) => {
      const token = auth(req);
      const { query } = await body(req);
      if (typeof query === 'string' && /viewer\s*{\s*login/.test(query)) return json(200, { data: { viewer: { login: token.login } } });
      return json(200, { errors: [{ message: 'The emulator answers only `viewer { login }`' }] });
    })
    .on('GET', '/user', (req) => {
      const token = auth(req);
      if (token.kind === 'installation') throw new HttpError(403, NOT_ACCESSIBLE);
      return json(200, { login: token.login, type: 'User' });
    })
    .on('GET', '/repos/:owner/:repo/issues/:issue/comments', (req, p) => {
      auth(req);
      return paginate(
        req,
        state.comments.filter((c) => c.issue === Number(p.issue)).map((c) => render(req, c)),
      );
    })
    .on('POST', '/repos/:owner/:repo/issues/:issue/comments', async (req, p) => {
      const token = auth(req);
      writable('comments');
      const { body: text } = await body<{ body?: unknown }>(req);
      checkBody(text);
      return json(201, render(req, state.addComment(Number(p.issue), text, token.login)));
    })
    .on('PATCH', '/repos/:owner/:repo/issues/comments/:id', async (req, p) => {
      const token = auth(req);
      writable('comments');
      const comment = state.comments.find((c) => c.id === Number(p.id));
      if (!comment) throw new HttpError(404, { message: 'Not Found', status: '404' });
      if (comment.user.login !== token.login) throw new HttpError(403, { message: 'You cannot edit this comment', status: '403' });
      const { body: text } = await body<{ body?: unknown }>(req);
      checkBody(text);
      Object.assign(comment, { body: text, updated_at: new Date().toISOString() });
      return json(200, render(req, comment));
    })
    .on('DELETE', '/repos/:owner/:repo/issues/comments/:id', (req, p) => {
      const token = auth(req);
      writable('comments');
      const index = state.comments.findIndex((c) => c.id === Number(p.id));
      if (index < 0) throw new HttpError(404, { message: 'Not Found', status: '404' });
      if (state.comments[index].user.login !== token.login) throw new HttpError(403, { message: 'You cannot delete this comment', status: '403' });
      state.comments.splice(index, 1);
      return json(204);
    })
    .on('GET', '/repos/:owner/:repo/deployments', (req) => {
      auth(req);
      const q = req.query;
      const list = state.deployments
        .filter(
          (d) =>
            (!q.get('environment') || d.environment === q.get('environment')) &&
            (!q.get('sha') || d.sha === q.get('sha')) &&
            (!q.get('task') || d.task === q.get('task')),
        )
        .slice()
        .reverse();
      return paginate(req, list.map(renderDeployment));
    })
    .on('POST', '/repos/:owner/:repo/deployments', async (req) => {
      const token = auth(req);
      writable('deployments');
      const input = await body<{
        ref?: unknown;
        environment?: string;
        task?: string;
        payload?: unknown;
        description?: string | null;
        production_environment?: boolean;
        transient_environment?: boolean;
      }>(req);
      if (typeof input.ref !== 'string')
        throw new HttpError(422, { message: 'Validation Failed', errors: [{ resource: 'Deployment', code: 'missing_field', field: 'ref' }] });
      const deployment: EmuDeployment = {
        id: state.id(),
        sha: input.ref,
        ref: input.ref,
        environment: input.environment ?? 'production',
        task: input.task ?? 'deploy',
        payload: input.payload ?? {},
        description: input.description ?? null,
        production_environment: input.production_environment ?? input.environment === 'production',
        transient_environment: input.transient_environment ?? false,
        creator: token.login,
        created_at: new Date().toISOString(),
        statuses: [],
      };
      state.deployments.push(deployment);
      return json(201, renderDeployment(deployment));
    })
    .on('GET', '/repos/:owner/:repo/deployments/:id/statuses', (req, p) => {
      auth(req);
      const deployment = state.deployments.find((d) => d.id === Number(p.id));
      if (!deployment) throw new HttpError(404, { message: 'Not Found', status: '404' });
      return paginate(req, deployment.statuses.slice().reverse());
    })
    .on('POST', '/repos/:owner/:repo/deployments/:id/statuses', async (req, p) => {
      auth(req);
      writable('deployments');
      const deployment = state.deployments.find((d) => d.id === Number(p.id));
      if (!deployment) throw new HttpError(404, { message: 'Not Found', status: '404' });
      const input = await body<{ state?: string; environment_url?: string; log_url?: string; description?: string; auto_inactive?: boolean }>(req);
      const states = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];
      if (!input.state || !states.includes(input.state))
        throw new HttpError(422, { message: 'Validation Failed', errors: [{ resource: 'DeploymentStatus', code: 'invalid', field: 'state' }] });
      const status = {
        id: state.id(),
        state: input.state,
        environment_url: input.environment_url,
        log_url: input.log_url,
        description: input.description,
        created_at: new Date().toISOString(),
      };
      deployment.statuses.push(status);
      // GitHub marks older deployments of the environment inactive when one succeeds (auto_inactive).
      if (input.state === 'success' && input.auto_inactive !== false) {
        for (const other of state.deployments) {
          const last = other.statuses.at(-1)?.state;
          if (other !== deployment && other.environment === deployment.environment && last === 'success') {
            other.statuses.push({ id: state.id(), state: 'inactive', created_at: status.created_at });
          }
        }
      }
      return json(201, status);
    });
}

/** GitHub pagination: per_page (default 30, at most 100), page, and a Link header. */
function paginate(req: Req, items: unknown[]): Reply {
  const perPage = pageSize(req, 'per_page', 30);
  const { page, pages: last, slice, link: url } = pageOf(req, items, perPage);
  const link = (n: number, rel: string) => `<${url(n, { per_page: String(perPage) })}>; rel="${rel}"`;
  const links = [...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []), ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : [])];
  return json(200, slice, links.length ? { link: links.join(', ') } : {});
}
