// The least a client can do with a feedback file: read lines, batch them, POST them with the
// same concurrency, fixed. No validation, accounting or report; on a 429 it waits the Retry-After
// and sends the batch again (so it also serves as the fixed-concurrency client against a
// rate-limited Konan). argv: file, konan base, key, deployment, batch, concurrency.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const [file, base, key, deployment, batchSize, concurrency] = process.argv.slice(2);
const login = await fetch(`${base}/api/auth/api_key/`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ api_key: key }),
});
const { access } = (await login.json()) as { access: string };
const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })[Symbol.asyncIterator]();

async function nextBatch(): Promise<unknown[] | undefined> {
  const batch: unknown[] = [];
  while (batch.length < Number(batchSize)) {
    const next = await lines.next();
    if (next.done) break;
    batch.push(JSON.parse(next.value));
  }
  return batch.length ? batch : undefined;
}

let sent = 0;
let requests = 0;
let throttled = 0;
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    for (let batch = await nextBatch(); batch; batch = await nextBatch()) {
      const body = JSON.stringify({ feedback: batch });
      for (;;) {
        requests++;
        const res = await fetch(`${base}/deployments/${deployment}/predictions/feedback/`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${access}` },
          body,
        });
        await res.text();
        if (res.status !== 429) break;
        throttled++;
        await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
      }
      sent += batch.length;
    }
  }),
);
console.log(JSON.stringify({ sent, requests, throttled }));
