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
  /** The first write error (a full disk): every later write and the close throw it, so sending stops instead of hanging. */
  private failure?: Error;

  private constructor(
    file: string,
    private readonly out: WriteStream,
  ) {
    out.on('error', (error) => {
      this.failure ??= new Error(`cannot write the feedback report ${file}: ${error.message}`);
    });
  }

  static async open(file: string): Promise<ReportWriter> {
    await mkdir(path.dirname(file), { recursive: true });
    const out = createWriteStream(file);
    await once(out, 'open');
    return new ReportWriter(file, out);
  }

  private lastMessage?: string;
  private lastRedacted = '';

  /**
   * The server's message may echo a credential, and the report is often kept as an artifact. A batch's
   * rows share one message, so the last one is remembered rather than redacted row by row.
   */
  private redacted(message: string): string {
    if (message !== this.lastMessage) [this.lastMessage, this.lastRedacted] = [message, redact(message)];
    return this.lastRedacted;
  }

  /** A promise only when the file is behind (backpressure), to be awaited before writing more. */
  write(line: ReportLine): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    if (this.out.write(`${JSON.stringify({ ...line, message: this.redacted(line.message) })}\n`)) return undefined;
    // 'drain' never comes once the stream has failed: wait for whichever comes first.
    return new Promise<void>((resolve, reject) => {
      const settle = () => {
        this.out.off('drain', settle);
        this.out.off('close', settle);
        if (this.failure) reject(this.failure);
        else resolve();
      };
      this.out.on('drain', settle);
      this.out.on('close', settle);
    });
  }

  /** Ends the file; throws the write error if there was one (the report is then incomplete). */
  async close(): Promise<void> {
    if (!this.out.destroyed) {
      this.out.end();
      await new Promise<void>((resolve) => this.out.once('close', () => resolve()));
    }
    if (this.failure) throw this.failure;
  }
}
