// The least a client can do with a feedback file: read lines, batch them, POST them with the
// same concurrency. No validation, accounting, retries or report. argv: file, konan base, key, deployment, batch, concurrency.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const [file, base, key, deployment, batchSize, concurrency] = process.argv.slice(2);
const login = await fetch(`${base}/api/auth/api_key/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ api_key: key }) });
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
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    for (let batch = await nextBatch(); batch; batch = await nextBatch()) {
      const res = await fetch(`${base}/deployments/${deployment}/predictions/feedback/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${access}` },
        body: JSON.stringify({ feedback: batch }),
      });
      await res.text();
      sent += batch.length;
    }
  }),
);
console.log(JSON.stringify({ sent }));
