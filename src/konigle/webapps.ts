// WebApps: find one by name, read it, create one on a Computer (its uat and production Spaces come with it).
import type { KonigleHttp } from './http.js';
import { parseCreated, parseModel, WebApp } from './models.js';

const WEBAPPS = '/cloud/api/v1/webapps';

export interface WebAppCreate {
  computer_id: string;
  name: string;
  /** Defaults to the name on the server. */
  display_name?: string;
  runtime: string;
  web_server: string;
  database?: string;
  cache?: string;
}

/** The WebApp with this exact name (names are global slugs); the inferred `name` filter is checked again here. */
export async function findWebApp(http: KonigleHttp, name: string): Promise<WebApp | undefined> {
  const { endpoint, items } = await http.list(WEBAPPS, { name });
  return items.map((item) => parseModel(WebApp, item, endpoint, 'WebApp')).find((w) => w.name === name);
}

/** Sent again only when the server provably did not act: a second POST after an ambiguous failure could answer "name taken" for our own app. */
export async function createWebApp(http: KonigleHttp, create: WebAppCreate): Promise<{ webapp: WebApp; jobId: string }> {
  // database and cache are omitted, not sent empty, when not wanted (the SDK's `None`).
  const json = Object.fromEntries(Object.entries(create).filter(([, v]) => v !== undefined && v !== ''));
  const { endpoint, body } = await http.request('POST', WEBAPPS, { json, retry: 'if-not-acted' });
  const { resource, jobId } = parseCreated(WebApp, body, endpoint, 'webapp', 'WebApp');
  return { webapp: resource, jobId };
}
