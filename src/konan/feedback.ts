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
  /** The answer for each row sent, by its index in the batch; undefined when the answer does not mention it. */
  statuses: (ItemStatus | undefined)[];
  /** Set when the answer's counts disagree with its items (the items win). */
  mismatch?: string;
}

const ROW_HEAD = Buffer.from('{"prediction_uuid":"');
const ROW_MID = Buffer.from('","target":');
/** The bytes of a row other than its uuid and its target: ROW_HEAD, ROW_MID, '}' and ','. */
const ROW_FIXED = ROW_HEAD.length + ROW_MID.length + 2;

/**
 * The request body, written straight into one Buffer: uuids are checked UUIDs (nothing to escape),
 * targets are JSON values. Building it as text first cost ~500 bytes of garbage per row (row strings,
 * the joined body, then its UTF-8 copy); this leaves one string per row, its target.
 */
function feedbackBody(batch: FeedbackItem[]): JsonText {
  const targets = new Array<string>(batch.length);
  let size = '{"feedback":[]}'.length;
  for (let i = 0; i < batch.length; i++) {
    targets[i] = JSON.stringify(batch[i].target);
    // A checked uuid is 36 ASCII characters; measured all the same, so no other string can overrun the buffer.
    size += ROW_FIXED + Buffer.byteLength(batch[i].prediction_uuid, 'latin1') + Buffer.byteLength(targets[i]);
  }
  const out = Buffer.allocUnsafe(size);
  let at = out.write('{"feedback":[', 0, 'latin1');
  for (let i = 0; i < batch.length; i++) {
    if (i) out[at++] = 44; // ,
    at += ROW_HEAD.copy(out, at);
    at += out.write(batch[i].prediction_uuid, at, 'latin1');
    at += ROW_MID.copy(out, at);
    at += out.write(targets[i], at, 'utf8');
    out[at++] = 125; // }
  }
  at += out.write(']}', at, 'latin1');
  return new JsonText(out.subarray(0, at));
}

const sameUuid = (a: string, b: string) => a === b || a.toLowerCase() === b.toLowerCase();

export async function sendFeedback(http: KonanHttp, deploymentId: string, batch: FeedbackItem[]): Promise<FeedbackResult> {
  const path = `/deployments/${encodeURIComponent(deploymentId)}/predictions/feedback/`;
  const { body, endpoint } = await http.post(path, feedbackBody(batch));
  // Checked by hand rather than by a schema: a million items go through here.
  const data = (body as { data?: unknown } | null)?.data;
  const counts = Counts.safeParse(body);
  const notResult = (where: string) =>
    new Error(`Konan API ${endpoint}: the answer is not a feedback result (at ${where}): ${JSON.stringify(body).slice(0, 300)}`);
  if (!Array.isArray(data) || !counts.success) throw notResult(Array.isArray(data) ? counts.error!.issues.map((i) => i.path.join('.')).join(', ') : 'data');
  const statuses = new Array<ItemStatus | undefined>(batch.length);
  /** Batch index by lower-case uuid, built only when an item is not where it was sent. */
  let byUuid: Map<string, number> | undefined;
  let success = 0;
  for (let i = 0; i < data.length; i++) {
    const item = data[i] as { prediction_uuid?: unknown; status?: unknown; message?: unknown } | null;
    const status = statusOf(item?.status);
    const uuid = item?.prediction_uuid;
    if (typeof uuid !== 'string' || status === undefined) throw notResult(`data.${i}`);
    if (status >= 200 && status < 300) success++;
    // Konan keeps uuids in a UUIDField and may answer in another case than sent, or in another order.
    let at = i < batch.length && sameUuid(batch[i].prediction_uuid, uuid) ? i : undefined;
    if (at === undefined) {
      byUuid ??= new Map(batch.map((row, n) => [row.prediction_uuid.toLowerCase(), n]));
      at = byUuid.get(uuid.toLowerCase());
    }
    if (at !== undefined) statuses[at] = { status, message: typeof item!.message === 'string' ? item!.message : '' };
  }
  const { success: s, failure: f, total: t } = counts.data;
  const counted = [s, f, t].every((n) => typeof n === 'number');
  const mismatch =
    counted && (s! !== success || f! !== data.length - success || t! !== data.length || t !== batch.length)
      ? `Konan's counts (success ${s}, failure ${f}, total ${t}) disagree with its ${data.length} item statuses for ${batch.length} rows sent; the item statuses are used`
      : undefined;
  return { statuses, mismatch };
}
