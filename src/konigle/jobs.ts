import { Job, parseModel } from './models.js';
import { KonigleHttp } from './http.js';

/** `retry: false` when the caller polls anyway (its next poll is the retry). */
export async function getJob(http: KonigleHttp, jobId: string, options: { retry?: boolean } = {}): Promise<Job> {
  const { endpoint, body } = await http.request('GET', `/cloud/api/v1/jobs/${encodeURIComponent(jobId)}`, options);
  return parseModel(Job, body, endpoint, 'Job');
}

/** One log entry as a line: strings as they are; objects by message/msg/text/detail with time and level, else JSON. */
export function formatLogEntry(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
    const e = entry as Record<string, unknown>;
    const message = [e.message, e.msg, e.text, e.detail].find((v) => typeof v === 'string') as string | undefined;
    if (message !== undefined) {
      const time = [e.timestamp, e.time, e.ts, e.created_at].find((v) => typeof v === 'string' || typeof v === 'number');
      const level = [e.level, e.levelname, e.severity].find((v) => typeof v === 'string');
      return [time !== undefined ? `[${time}]` : '', level ? String(level).toUpperCase() : '', message]
        .filter(Boolean)
        .join(' ');
    }
  }
  return JSON.stringify(entry);
}
