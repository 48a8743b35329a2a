// Metrics over a time window: POST /deployments/<uuid>/evaluate/ with times carrying an offset.
// Values are numbers or nested objects/arrays: kept as they come, never assumed to have a shape.
import type { KonanHttp } from './http.js';
import { type TimeWindow, withOffset } from './time.js';

export interface Metric {
  name: string;
  kind: 'predefined' | 'custom';
  value: unknown;
}

/** `{"metrics": {"predefined": {name: value}, "custom": [{"metric_name", "metric_value"}]}}`; null values are left out, as the SDK does. */
export function readMetrics(body: unknown): Metric[] {
  const metrics = ((body ?? {}) as { metrics?: unknown }).metrics;
  if (!metrics || typeof metrics !== 'object') throw new Error(`the answer has no metrics: ${JSON.stringify(body ?? null).slice(0, 300)}`);
  const { predefined, custom } = metrics as { predefined?: unknown; custom?: unknown };
  const out: Metric[] = [];
  if (predefined && typeof predefined === 'object') {
    for (const [name, value] of Object.entries(predefined)) if (value !== null && value !== undefined) out.push({ name, kind: 'predefined', value });
  }
  if (Array.isArray(custom)) {
    for (const item of custom) {
      const record = (item ?? {}) as Record<string, unknown>;
      const name = record.metric_name ?? record.name;
      out.push({ name: typeof name === 'string' ? name : JSON.stringify(name ?? null), kind: 'custom', value: record.metric_value ?? record.value ?? null });
    }
  } else if (custom && typeof custom === 'object') {
    for (const [name, value] of Object.entries(custom)) out.push({ name, kind: 'custom', value });
  }
  return out;
}

export async function evaluate(http: KonanHttp, deploymentId: string, window: TimeWindow): Promise<Metric[]> {
  const [start, end] = [withOffset(window.start), withOffset(window.end)];
  const { body, endpoint } = await http.post(`/deployments/${encodeURIComponent(deploymentId)}/evaluate/`, { start_time: start, end_time: end });
  try {
    return readMetrics(body);
  } catch (error) {
    throw new Error(`Konan API ${endpoint}: ${(error as Error).message}`, { cause: error });
  }
}
