// POST /deployments/<uuid>/predictions/feedback/ and its 207 answer: items are judged by their
// own status (2xx accepted), never by message text; the counts are cross-checked against them.
import { z } from 'zod';
import { JsonText, type KonanHttp } from './http.js';

export interface FeedbackItem {
  prediction_uuid: string;
  target: unknown;
}

const Counts = z.looseObject({ success: z.number().nullish(), failure: z.number().nullish(), total: z.number().nullish() });

/** An item status as a number: Konan may send it as a number or a numeric string. */
function statusOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

export interface ItemStatus {
  status: number;
  message: string;
}

export interface FeedbackResult {
  /** By lower-case uuid: Konan keeps uuids in a UUIDField and may answer in another case than sent. */
  items: Map<string, ItemStatus>;
  /** Set when the answer's counts disagree with its items (the items win). */
  mismatch?: string;
}

/** The request body as text: uuids are checked UUIDs (nothing to escape), targets are JSON values. */
export function feedbackBody(batch: FeedbackItem[]): JsonText {
  let text = '{"feedback":[';
  for (let i = 0; i < batch.length; i++) text += `${i ? ',' : ''}{"prediction_uuid":"${batch[i].prediction_uuid}","target":${JSON.stringify(batch[i].target)}}`;
  return new JsonText(`${text}]}`);
}

export async function sendFeedback(http: KonanHttp, deploymentId: string, batch: FeedbackItem[]): Promise<FeedbackResult> {
  const path = `/deployments/${encodeURIComponent(deploymentId)}/predictions/feedback/`;
  const { body, endpoint } = await http.post(path, feedbackBody(batch));
  // Checked by hand rather than by a schema: a million items go through here.
  const data = (body as { data?: unknown } | null)?.data;
  const counts = Counts.safeParse(body);
  const notResult = (where: string) =>
    new Error(`Konan API ${endpoint}: the answer is not a feedback result (at ${where}): ${JSON.stringify(body).slice(0, 300)}`);
  if (!Array.isArray(data) || !counts.success) throw notResult(Array.isArray(data) ? counts.error!.issues.map((i) => i.path.join('.')).join(', ') : 'data');
  const items = new Map<string, ItemStatus>();
  let success = 0;
  for (let i = 0; i < data.length; i++) {
    const item = data[i] as { prediction_uuid?: unknown; status?: unknown; message?: unknown } | null;
    const status = statusOf(item?.status);
    if (typeof item?.prediction_uuid !== 'string' || status === undefined) throw notResult(`data.${i}`);
    if (status >= 200 && status < 300) success++;
    items.set(item.prediction_uuid.toLowerCase(), { status, message: typeof item.message === 'string' ? item.message : '' });
  }
  const { success: s, failure: f, total: t } = counts.data;
  const counted = [s, f, t].every((n) => typeof n === 'number');
  const mismatch =
    counted && (s! !== success || f! !== data.length - success || t! !== data.length || t !== batch.length)
      ? `Konan's counts (success ${s}, failure ${f}, total ${t}) disagree with its ${data.length} item statuses for ${batch.length} rows sent; the item statuses are used`
      : undefined;
  return { items, mismatch };
}
