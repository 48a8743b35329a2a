// Computers (VMs): find one by name, read it, create one (its provisioning runs as a Job).
import type { KonigleHttp } from './http.js';
import { Computer, parseCreated, parseModel } from './models.js';

const COMPUTERS = '/cloud/api/v1/computers';

export interface ComputerCreate {
  name: string;
  display_name: string;
  size: string;
  region: string;
}

export async function getComputer(http: KonigleHttp, id: string): Promise<Computer> {
  const { endpoint, body } = await http.request('GET', `${COMPUTERS}/${encodeURIComponent(id)}`);
  return parseModel(Computer, body, endpoint, 'Computer');
}

/**
 * The Computer with this exact name, if this API key sees one. The `name` filter is inferred, so
 * the answer is filtered again here: a server that ignores the filter lists everything.
 */
export async function findComputer(http: KonigleHttp, name: string): Promise<Computer | undefined> {
  const { endpoint, items } = await http.list(COMPUTERS, { name });
  const found = items.map((item) => parseModel(Computer, item, endpoint, 'Computer')).filter((c) => c.name === name);
  if (found.length > 1) throw new Error(`Konigle has ${found.length} Computers named '${name}' (${found.map((c) => c.id).join(', ')}): rename all but one`);
  return found[0];
}

/** Sent again only when the server provably did not act (refused connection, 429, 503 with Retry-After): a second POST after an ambiguous failure could start a second VM. */
export async function createComputer(http: KonigleHttp, create: ComputerCreate): Promise<{ computer: Computer; jobId: string }> {
  const { endpoint, body } = await http.request('POST', COMPUTERS, { json: create, retry: 'if-not-acted' });
  const { resource, jobId } = parseCreated(Computer, body, endpoint, 'computer', 'Computer');
  return { computer: resource, jobId };
}
