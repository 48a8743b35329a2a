// The feedback request body and the matching of Konan's 207 answer to the rows sent. The Konan
// client is the boundary here: its post() is given the answer a server could send.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { feedbackBody, sendFeedback } from '../../src/konan/feedback.js';
import type { KonanHttp } from '../../src/konan/http.js';

const batch = [
  { prediction_uuid: randomUUID(), target: { label: 'naïve "quoted" \\ 🙂', scores: [0.1, 2e-7] } },
  { prediction_uuid: randomUUID().toUpperCase(), target: 'cat\n' },
  { prediction_uuid: randomUUID(), target: 0 },
  { prediction_uuid: randomUUID(), target: false },
];

/** A client whose every POST gets `answer(body sent)`. */
const konan = (answer: (sent: { feedback: { prediction_uuid: string }[] }) => unknown) =>
  ({
    post: (path: string, body: { data: Buffer | string }) =>
      Promise.resolve({ status: 207, body: answer(JSON.parse(body.data.toString()) as { feedback: { prediction_uuid: string }[] }), endpoint: `POST ${path}` }),
  }) as unknown as KonanHttp;

describe('feedback body', () => {
  it('is the JSON of the rows as given, targets of any kind', () => {
    expect(JSON.parse(feedbackBody(batch).data.toString())).toEqual({ feedback: batch });
    expect(JSON.parse(feedbackBody([]).data.toString())).toEqual({ feedback: [] });
  });
});

describe("Konan's answer", () => {
  const item = (uuid: string, status: number) => ({ prediction_uuid: uuid, status, message: status === 201 ? 'success' : 'failure' });

  it('is matched to the rows by uuid, whatever its order and case; a row it leaves out has no status', async () => {
    const answer = () => {
      const data = [item(batch[3].prediction_uuid, 404), item(batch[1].prediction_uuid.toLowerCase(), 201), item(batch[0].prediction_uuid.toUpperCase(), 409)];
      return { data, success: 1, failure: 2, total: 3 };
    };
    const result = await sendFeedback(konan(answer), 'dep', batch);
    expect(result.statuses).toEqual([{ status: 409, message: 'failure' }, { status: 201, message: 'success' }, undefined, { status: 404, message: 'failure' }]);
    expect(result.mismatch).toMatch(/disagree/);
  });

  it('in the order sent, gives each row its own status', async () => {
    const answer = (sent: { feedback: { prediction_uuid: string }[] }) => ({
      data: sent.feedback.map((r, i) => item(r.prediction_uuid.toLowerCase(), i % 2 ? 201 : 404)),
      success: 2,
      failure: 2,
      total: 4,
    });
    const result = await sendFeedback(konan(answer), 'dep', batch);
    expect(result.statuses.map((s) => s?.status)).toEqual([404, 201, 404, 201]);
    expect(result.mismatch).toBeUndefined();
  });
});
