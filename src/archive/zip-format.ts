// The bytes of a ZIP around the entry data (APPNOTE 6.3): local headers, data descriptors, the
// central directory and its end records, with zip64 fields only where a value does not fit.
import { isUtf8 } from 'node:buffer';

/** 1980-01-01 00:00, the earliest DOS date a ZIP can hold: every entry gets it, so bytes never depend on mtimes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const MADE_BY_UNIX = (3 << 8) | 45;
const FLAG_DESCRIPTOR = 1 << 3;
const FLAG_UTF8 = 1 << 11;
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;

export const STORE = 0;
export const DEFLATE = 8;

export interface CentralRecord {
  name: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  /** Unix mode with the file type bits, as `external attributes >> 16`. */
  unixMode: number;
  /** The local header carries a zip64 extra (a streamed entry that may pass 4 GB). */
  zip64Local: boolean;
}

/** Name bytes and flags: a string is written as UTF-8; raw bytes as given. Bit 11 says UTF-8 when the name is UTF-8 beyond ASCII. */
export function encodeName(name: string | Buffer): { name: Buffer; flags: number } {
  if (typeof name === 'string') return { name: Buffer.from(name, 'utf8'), flags: /^\p{ASCII}*$/u.test(name) ? 0 : FLAG_UTF8 };
  let ascii = true;
  for (let i = 0; i < name.length && ascii; i++) ascii = name[i] < 0x80;
  return { name, flags: !ascii && isUtf8(name) ? FLAG_UTF8 : 0 };
}

const needs64 = (r: CentralRecord) => r.zip64Local || r.size >= MAX32 || r.compressedSize >= MAX32 || r.offset >= MAX32;
const version = (r: CentralRecord) => (needs64(r) ? 45 : r.method === DEFLATE ? 20 : 10);

/**
 * Local header. A streamed entry (`descriptor`) has its CRC and sizes after the data; one that may
 * pass 4 GB also gets a zip64 extra so its descriptor's 8-byte sizes are read as such.
 */
export function localHeader(r: CentralRecord, descriptor: boolean): Buffer {
  const extra = r.zip64Local ? 20 : 0;
  const b = Buffer.allocUnsafe(30 + r.name.length + extra).fill(0); // small: from the shared pool
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(version(r), 4);
  b.writeUInt16LE(r.flags | (descriptor ? FLAG_DESCRIPTOR : 0), 6);
  b.writeUInt16LE(r.method, 8);
  b.writeUInt16LE(DOS_TIME, 10);
  b.writeUInt16LE(DOS_DATE, 12);
  if (!descriptor) {
    b.writeUInt32LE(r.crc >>> 0, 14);
    b.writeUInt32LE(r.compressedSize, 18);
    b.writeUInt32LE(r.size, 22);
  } else if (r.zip64Local) {
    b.writeUInt32LE(MAX32, 18);
    b.writeUInt32LE(MAX32, 22);
  }
  b.writeUInt16LE(r.name.length, 26);
  b.writeUInt16LE(extra, 28);
  r.name.copy(b, 30);
  if (r.zip64Local) {
    b.writeUInt16LE(0x0001, 30 + r.name.length);
    b.writeUInt16LE(16, 32 + r.name.length); // sizes 0 here: the descriptor holds them
  }
  return b;
}

export function dataDescriptor(r: CentralRecord): Buffer {
  const b = Buffer.allocUnsafe(r.zip64Local ? 24 : 16).fill(0);
  b.writeUInt32LE(0x08074b50, 0);
  b.writeUInt32LE(r.crc >>> 0, 4);
  if (r.zip64Local) {
    b.writeBigUInt64LE(BigInt(r.compressedSize), 8);
    b.writeBigUInt64LE(BigInt(r.size), 16);
  } else {
    b.writeUInt32LE(r.compressedSize, 8);
    b.writeUInt32LE(r.size, 12);
  }
  return b;
}

/** Central directory header; a zip64 extra holds both sizes and/or the offset when they do not fit in 32 bits (APPNOTE 4.5.3 order). */
export function centralHeader(r: CentralRecord, descriptor: boolean): Buffer {
  const sizes64 = r.zip64Local || r.size >= MAX32 || r.compressedSize >= MAX32;
  const offset64 = r.offset >= MAX32;
  const fields = [...(sizes64 ? [r.size, r.compressedSize] : []), ...(offset64 ? [r.offset] : [])];
  const extra = fields.length ? 4 + 8 * fields.length : 0;
  const b = Buffer.allocUnsafe(46 + r.name.length + extra).fill(0);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(MADE_BY_UNIX, 4);
  b.writeUInt16LE(version(r), 6);
  b.writeUInt16LE(r.flags | (descriptor ? FLAG_DESCRIPTOR : 0), 8);
  b.writeUInt16LE(r.method, 10);
  b.writeUInt16LE(DOS_TIME, 12);
  b.writeUInt16LE(DOS_DATE, 14);
  b.writeUInt32LE(r.crc >>> 0, 16);
  b.writeUInt32LE(sizes64 ? MAX32 : r.compressedSize, 20);
  b.writeUInt32LE(sizes64 ? MAX32 : r.size, 24);
  b.writeUInt16LE(r.name.length, 28);
  b.writeUInt16LE(extra, 30);
  b.writeUInt32LE(((r.unixMode & MAX16) << 16) >>> 0, 38);
  b.writeUInt32LE(offset64 ? MAX32 : r.offset, 42);
  r.name.copy(b, 46);
  if (extra) {
    let at = 46 + r.name.length;
    b.writeUInt16LE(0x0001, at);
    b.writeUInt16LE(8 * fields.length, at + 2);
    for (const value of fields) b.writeBigUInt64LE(BigInt(value), (at += 8) - 4);
  }
  return b;
}

/** End of central directory, preceded by the zip64 end record and locator when a count or offset does not fit. */
export function endRecords(count: number, cdOffset: number, cdSize: number): Buffer {
  const zip64 = count >= MAX16 || cdOffset >= MAX32 || cdSize >= MAX32;
  const parts: Buffer[] = [];
  if (zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(MADE_BY_UNIX, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(count), 24);
    rec.writeBigUInt64LE(BigInt(count), 32);
    rec.writeBigUInt64LE(BigInt(cdSize), 40);
    rec.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(rec, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, MAX16), 8);
  end.writeUInt16LE(Math.min(count, MAX16), 10);
  end.writeUInt32LE(Math.min(cdSize, MAX32), 12);
  end.writeUInt32LE(Math.min(cdOffset, MAX32), 16);
  parts.push(end);
  return Buffer.concat(parts);
}
