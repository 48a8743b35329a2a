// Where the ZIP's bytes go: a buffered, hashed, size-limited output file, and the central
// directory kept as bytes until the end.
import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { formatBytes } from '../units.js';

export class ArchiveTooLargeError extends Error {
  constructor(limit: number) {
    super(
      `The archive grew past max-archive-size (${formatBytes(limit)}) and was not uploaded: ` +
        `leave build outputs and dependencies out with 'exclude' or the ignore file, or raise 'max-archive-size'.`,
    );
    this.name = 'ArchiveTooLargeError';
  }
}

/** Buffered, hashed, size-limited output. */
export class Output {
  private readonly buffer = Buffer.allocUnsafeSlow(4 * 1024 * 1024);
  private used = 0;
  position = 0;
  private readonly hash: Hash = createHash('sha256');

  constructor(
    private readonly file: FileHandle,
    private readonly limit: number,
  ) {}

  /** Copies the chunk into the buffer; returns a promise only when it has to write (no promise per small chunk). */
  push(chunk: Uint8Array): Promise<void> | undefined {
    this.position += chunk.length;
    if (this.position > this.limit) throw new ArchiveTooLargeError(this.limit);
    if (chunk.length >= this.buffer.length / 4 || this.used + chunk.length > this.buffer.length) return this.pushSlow(chunk);
    this.buffer.set(chunk, this.used);
    this.used += chunk.length;
    return undefined;
  }

  private async pushSlow(chunk: Uint8Array): Promise<void> {
    await this.flush();
    if (chunk.length >= this.buffer.length / 4) return this.write(chunk);
    this.buffer.set(chunk, 0);
    this.used = chunk.length;
  }

  async flush(): Promise<void> {
    if (this.used) await this.write(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private async write(chunk: Uint8Array): Promise<void> {
    this.hash.update(chunk);
    for (let at = 0; at < chunk.length;) at += (await this.file.write(chunk, at, chunk.length - at)).bytesWritten;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** The central directory, kept as bytes while entries are written (50,000 records as objects would cost 10 MB). */
export class CentralDirectory {
  private readonly chunks: Buffer[] = [];
  private current = Buffer.allocUnsafe(0);
  private used = 0;
  count = 0;

  add(header: Buffer): void {
    this.count++;
    if (this.used + header.length > this.current.length) {
      if (this.used) this.chunks.push(this.current.subarray(0, this.used));
      this.current = Buffer.allocUnsafeSlow(Math.max(256 * 1024, header.length));
      this.used = 0;
    }
    header.copy(this.current, this.used);
    this.used += header.length;
  }

  parts(): Buffer[] {
    return [...this.chunks, this.current.subarray(0, this.used)];
  }
}
