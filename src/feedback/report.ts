// The feedback report: one JSONL line per row not accepted. Each line is itself a valid feedback
// row (prediction_uuid, target) plus where it came from and what happened, so the file can be
// fixed and sent again as it is.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { redact } from '../redact.js';

export interface ReportLine {
  prediction_uuid: string;
  target: unknown;
  line: number;
  outcome: 'rejected' | 'unsent';
  status: number | null;
  message: string;
}

export class ReportWriter {
  private constructor(private readonly out: WriteStream) {}

  static async open(file: string): Promise<ReportWriter> {
    await mkdir(path.dirname(file), { recursive: true });
    const out = createWriteStream(file);
    await once(out, 'open');
    return new ReportWriter(out);
  }

  /** A promise only when the file is behind (backpressure), to be awaited before writing more. */
  write(line: ReportLine): Promise<void> | undefined {
    // The server's message may echo a credential; the report is often kept as an artifact.
    if (this.out.write(`${JSON.stringify({ ...line, message: redact(line.message) })}\n`)) return undefined;
    return once(this.out, 'drain').then(() => undefined);
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}
