// POST /deployments/<uuid>/predictions/feedback/ and its 207 answer: items are judged by their
// own status (2xx accepted), never by message text; the counts are cross-checked against them.
import { z } from 'zod';
import type { KonanHttp } from './http.js';

export interface FeedbackItem {
  prediction_uuid: string;
  target: unknown;
}

const FeedbackAnswer = z.looseObject({
  data: z.array(
    z.looseObject({
      prediction_uuid: z.string(),
      status: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
      message: z.string().nullish(),
    }),
  ),
  success: z.number().nullish(),
  failure: z.number().nullish(),
  total: z.number().nullish(),
});

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

export async function sendFeedback(http: KonanHttp, deploymentId: string, batch: FeedbackItem[]): Promise<FeedbackResult> {
  const path = `/deployments/${encodeURIComponent(deploymentId)}/predictions/feedback/`;
  const { body, endpoint } = await http.post(path, { feedback: batch });
  const parsed = FeedbackAnswer.safeParse(body);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(body)').join(', ');
    throw new Error(`Konan API ${endpoint}: the answer is not a feedback result (at ${where}): ${JSON.stringify(body).slice(0, 300)}`);
  }
  const items = new Map<string, ItemStatus>();
  for (const item of parsed.data.data) items.set(item.prediction_uuid.toLowerCase(), { status: item.status, message: item.message ?? '' });
  const success = parsed.data.data.filter((i) => i.status >= 200 && i.status < 300).length;
  const { success: s, failure: f, total: t } = parsed.data;
  const counted = [s, f, t].every((n) => typeof n === 'number');
  const mismatch =
    counted && (s! !== success || f! !== parsed.data.data.length - success || t! !== parsed.data.data.length || t! !== batch.length)
      ? `Konan's counts (success ${s}, failure ${f}, total ${t}) disagree with its ${parsed.data.data.length} item statuses for ${batch.length} rows sent; the item statuses are used`
      : undefined;
  return { items, mismatch };
}
