// A multipart/form-data POST that streams its file part from disk with a known Content-Length, so
// a 1 GB archive costs no more memory than a 1 KB one. It records how much of the body left, so a
// failure can be told apart: the server never got the whole request, or it may have acted on it.
import { randomBytes } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { type HttpResponse, TransportError } from './request.js';
import { ResponseHeaders } from './transport.js';

export interface MultipartFile {
  field: string;
  path: string;
  filename: string;
  contentType: string;
}

export interface MultipartRequest {
  url: string;
  headers: Record<string, string>;
  fields: Record<string, string>;
  file: MultipartFile;
  timeoutMs: number;
}

/** A transport failure of an upload, with how far the body got. */
export class UploadTransportError extends TransportError {
  constructor(
    message: string,
    timedOut: boolean,
    code: string | undefined,
    /** Every byte of the body was handed to the network: the server may have acted on it. */
    readonly wholeBodySent: boolean,
  ) {
    super(message, timedOut, code);
    this.name = 'UploadTransportError';
  }
}

const quote = (value: string) => value.replace(/["\r\n\\]/g, (c) => encodeURIComponent(c));

/**
 * Streams a file into the request through two reused buffers: one being read while the other is
 * written. Memory stays flat whatever the size (a stream's fresh chunks pile up until V8 collects them).
 */
async function sendFile(filePath: string, request: http.ClientRequest, onRead: (n: number) => void): Promise<void> {
  const file = await open(filePath, 'r');
  try {
    const buffers = [Buffer.allocUnsafeSlow(256 * 1024), Buffer.allocUnsafeSlow(256 * 1024)];
    let writing: Promise<void> = Promise.resolve();
    for (let i = 0; ; i++) {
      const buffer = buffers[i % 2];
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      await writing; // the other buffer's write is done before this one is sent (and before `buffer` is read into again)
      if (bytesRead === 0) return;
      if (request.destroyed) throw new Error('request closed');
      onRead(bytesRead);
      writing = new Promise((resolve, reject) => request.write(buffer.subarray(0, bytesRead), (error) => (error ? reject(error) : resolve())));
      writing.catch(() => undefined); // awaited on the next turn; this only keeps a failure meanwhile from counting as unhandled
    }
  } finally {
    await file.close();
  }
}

export async function postMultipart(req: MultipartRequest): Promise<HttpResponse> {
  const boundary = `----konigle${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    Object.entries(req.fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`)
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="${quote(req.file.field)}"; filename="${quote(req.file.filename)}"\r\n` +
      `Content-Type: ${req.file.contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const fileSize = (await stat(req.file.path)).size;
  const bodyBytes = head.length + fileSize + tail.length;
  const url = new URL(req.url);
  const where = `POST ${url.origin}${url.pathname}`;
  const transport = url.protocol === 'https:' ? https : http;

  return new Promise<HttpResponse>((resolve, reject) => {
    let read = 0;
    let finished = false;
    let timedOut = false;
    const request = transport.request(url, {
      method: 'POST',
      headers: { ...req.headers, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(bodyBytes) },
    });
    const noAnswer = `no answer within ${Math.round(req.timeoutMs / 1000)}s`;
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy(new Error(noAnswer));
    }, req.timeoutMs);
    const fail = (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const detail = timedOut ? noAnswer : (error.code ?? error.message);
      const progress = finished ? 'after the whole upload was sent' : `with about ${Math.min(read, fileSize)} of ${fileSize} archive bytes sent`;
      reject(new UploadTransportError(`${where}: ${detail} (${progress})`, timedOut, error.code, finished));
    };
    request.on('error', fail);
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: new ResponseHeaders(res.headers), text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.on('finish', () => (finished = true));
    request.write(head);
    // The server may answer (an error) before reading the whole body: the response decides, not the send loop.
    sendFile(req.file.path, request, (n) => (read += n))
      .then(() => request.end(tail))
      .catch((error: Error) => request.destroy(error));
  });
}
