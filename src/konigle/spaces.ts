// Spaces: find the uat Space of a web app, deploy a ZIP to it, promote it.
import * as core from '../actions/core.js';
import { UploadTransportError } from '../http/multipart.js';
import { serverDidNotAct, sleep, TransportError } from '../http/request.js';
import { KonigleApiError } from './errors.js';
import { Deployment, parseModel, Space } from './models.js';
import type { KonigleHttp } from './http.js';

const SPACES = '/cloud/api/v1/spaces';

export async function getSpace(http: KonigleHttp, spaceId: string): Promise<Space> {
  const { endpoint, body } = await http.request('GET', `${SPACES}/${encodeURIComponent(spaceId)}`);
  return parseModel(Space, body, endpoint, 'Space');
}

export async function listWebAppSpaces(http: KonigleHttp, webappId: string): Promise<Space[]> {
  const { endpoint, items } = await http.list(SPACES, { webapp_id: webappId });
  // The webapp_id filter is inferred: if the server ignores it, keep only this web app's Spaces.
  return items.map((item) => parseModel(Space, item, endpoint, 'Space')).filter((s) => s.webapp === undefined || s.webapp === null || s.webapp === webappId);
}

/** The uat Space: `space-id` as given (checked to exist), or the web app's `space_type: uat` Space. */
export async function resolveUatSpace(http: KonigleHttp, ids: { spaceId?: string; webappId?: string }): Promise<Space> {
  if (ids.spaceId) return getSpace(http, ids.spaceId);
  const webappId = ids.webappId!;
  const own = await listWebAppSpaces(http, webappId);
  const uat = own.filter((s) => s.space_type === 'uat');
  if (uat.length === 1) return uat[0];
  if (uat.length > 1) {
    throw new Error(`Web app ${webappId} has ${uat.length} uat Spaces (${uat.map((s) => s.id).join(', ')}): set 'space-id' to choose one`);
  }
  throw new Error(
    `No uat Space found for webapp-id '${webappId}': the web app does not exist or this API key cannot see it` +
      (own.length ? ` (its Spaces: ${own.map((s) => `${s.id} ${s.space_type}`).join(', ')})` : ''),
  );
}

export interface DeployUpload {
  zipPath: string;
  fieldName: string;
  displayName: string;
  timeoutMs: number;
}

/** Tries of an upload the server provably did not act on (refused, DNS, 429, 503 with Retry-After). */
const UPLOAD_TRIES = 3;

/**
 * Multipart upload, the file part streamed from disk. Sent again only when the server provably did
 * not act on it; any other failure after the body left may have created a deployment, and says so.
 */
export async function deployToSpace(http: KonigleHttp, spaceId: string, upload: DeployUpload): Promise<Deployment> {
  const path = `${SPACES}/${encodeURIComponent(spaceId)}/deploy`;
  const file = { field: upload.fieldName, path: upload.zipPath, filename: 'app.zip', contentType: 'application/zip' };
  for (let attempt = 1; ; attempt++) {
    try {
      const { endpoint, body } = await http.upload(path, { display_name: upload.displayName }, file, upload.timeoutMs);
      return parseModel(Deployment, body, endpoint, 'Deployment');
    } catch (error) {
      if (serverDidNotAct(error) && attempt < UPLOAD_TRIES) {
        const wait = error instanceof KonigleApiError && error.retryAfterSeconds ? Math.min(error.retryAfterSeconds, 60) : 2 ** (attempt - 1);
        core.info(`${(error as Error).message}; the server did not take the upload, sending it again in ${wait}s (${UPLOAD_TRIES - attempt} left)`);
        await sleep(wait * 1000);
        continue;
      }
      throw explainUploadFailure(error, spaceId);
    }
  }
}

/** Whether a failed upload may still have created a deployment, in words a user can act on. */
function explainUploadFailure(error: unknown, spaceId: string): unknown {
  if (serverDidNotAct(error)) return error;
  const check =
    `A deployment may have been created: look at Space ${spaceId}'s latest deployment in Konigle ` +
    `(GET ${SPACES}/${spaceId} shows last_deployed_at and last_deployment_status) before deploying again.`;
  if (error instanceof UploadTransportError) {
    if (!error.wholeBodySent && !error.timedOut) {
      return new Error(`${error.message}. The server cannot have received the whole archive, so no deployment was made: run the step again.`);
    }
    return new Error(`${error.message}. ${check}`);
  }
  if (error instanceof TransportError) return new Error(`${error.message}. ${check}`);
  if (error instanceof KonigleApiError && error.status >= 500) {
    error.message += `. ${check}`;
    return error;
  }
  return error;
}

/** Sent again only when the server provably did not act (refused, 429, 503 with Retry-After): never twice otherwise. */
export async function promoteSpace(http: KonigleHttp, uatSpaceId: string): Promise<Deployment> {
  const { endpoint, body } = await http.request('POST', `${SPACES}/${encodeURIComponent(uatSpaceId)}/promote`, { retry: 'if-not-acted' });
  return parseModel(Deployment, body, endpoint, 'Deployment');
}
