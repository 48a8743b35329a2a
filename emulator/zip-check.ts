// Checks that an upload is a readable ZIP and lists its entries for inspection.
import yauzl from 'yauzl';

export interface ZipEntryInfo {
  name: string;
  size: number;
  symlink: boolean;
  mode: number;
}

export function listZip(buffer: Buffer): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, strictFileNames: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip'));
      const entries: ZipEntryInfo[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        const mode = (entry.externalFileAttributes >>> 16) & 0o177777;
        entries.push({
          name: entry.fileName,
          size: entry.uncompressedSize,
          symlink: (mode & 0o170000) === 0o120000,
          mode: mode & 0o7777,
        });
        zip.readEntry();
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
