import { parseJson } from '../http/request.js';
import { Job, parseModel } from './models.js';
import type { KonigleHttp } from './http.js';

export interface GetJobOptions {
  /** false when the caller polls anyway (its next poll is the retry). */
  retry?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export async function getJob(http: KonigleHttp, jobId: string, options: GetJobOptions = {}): Promise<Job> {
  const { endpoint, body } = await http.request('GET', `/cloud/api/v1/jobs/${encodeURIComponent(jobId)}`, { ...options, parse: parseJobBody });
  return parseModel(Job, body, endpoint, 'Job');
}

/**
 * A Job body, polled again and again while its log grows to megabytes: the native JSON.parse is
 * several times faster than the lossless parser. A Job's only id is its own (a UUID string); when
 * it came as a string nothing was lost. Only a numeric id needs the lossless parse to stay exact.
 */
export function parseJobBody(text: string): unknown {
  const body = JSON.parse(text) as { id?: unknown } | null;
  if (body && typeof body === 'object' && typeof body.id !== 'string' && !Number.isSafeInteger(body.id)) return parseJson(text);
  return body;
}

/** One log entry as a line: strings as they are; objects by message/msg/text/detail with time and level, else JSON. */
export function formatLogEntry(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
    const e = entry as Record<string, unknown>;
    const message = [e.message, e.msg, e.text, e.detail].find((v): v is string => typeof v === 'string');
    if (message !== undefined) {
      const time = [e.timestamp, e.time, e.ts, e.created_at].find((v) => typeof v === 'string' || typeof v === 'number');
      const level = [e.level, e.levelname, e.severity].find((v) => typeof v === 'string');
      return [time !== undefined ? `[${time}]` : '', level ? String(level).toUpperCase() : '', message].filter(Boolean).join(' ');
    }
  }
  return JSON.stringify(entry);
}
