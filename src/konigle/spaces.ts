// Spaces: find the uat Space of a web app, deploy a ZIP to it, promote it.
import { openAsBlob } from 'node:fs';
import { Deployment, parseModel, Space } from './models.js';
import { KonigleHttp } from './http.js';

const SPACES = '/cloud/api/v1/spaces';

export async function getSpace(http: KonigleHttp, spaceId: string): Promise<Space> {
  const { endpoint, body } = await http.request('GET', `${SPACES}/${encodeURIComponent(spaceId)}`);
  return parseModel(Space, body, endpoint, 'Space');
}

export async function listWebAppSpaces(http: KonigleHttp, webappId: string): Promise<Space[]> {
  const { endpoint, items } = await http.list(SPACES, { webapp_id: webappId });
  return items.map((item) => parseModel(Space, item, endpoint, 'Space'));
}

/** The uat Space: `space-id` as given (checked to exist), or the web app's `space_type: uat` Space. */
export async function resolveUatSpace(http: KonigleHttp, ids: { spaceId?: string; webappId?: string }): Promise<Space> {
  if (ids.spaceId) return getSpace(http, ids.spaceId);
  const webappId = ids.webappId!;
  const spaces = await listWebAppSpaces(http, webappId);
  // The webapp_id filter is inferred: if the server ignores it, keep only this web app's Spaces.
  const own = spaces.filter((s) => s.webapp === undefined || s.webapp === null || s.webapp === webappId);
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

/** Multipart upload; the file part is streamed from disk (a file-backed Blob), never read whole. */
export async function deployToSpace(http: KonigleHttp, spaceId: string, upload: DeployUpload): Promise<Deployment> {
  const form = new FormData();
  form.set('display_name', upload.displayName);
  const blob = await openAsBlob(upload.zipPath, { type: 'application/zip' });
  form.set(upload.fieldName, blob, 'app.zip');
  const { endpoint, body } = await http.request('POST', `${SPACES}/${encodeURIComponent(spaceId)}/deploy`, { form, timeoutMs: upload.timeoutMs });
  return parseModel(Deployment, body, endpoint, 'Deployment');
}

/** Sent again only when the server provably did not act (refused, 429, 503 with Retry-After): never twice otherwise. */
export async function promoteSpace(http: KonigleHttp, uatSpaceId: string): Promise<Deployment> {
  const { endpoint, body } = await http.request('POST', `${SPACES}/${encodeURIComponent(uatSpaceId)}/promote`, { retry: 'if-not-acted' });
  return parseModel(Deployment, body, endpoint, 'Deployment');
}
