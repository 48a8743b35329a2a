// Checks that an upload is a readable ZIP and lists its entries for inspection.
import yauzl from 'yauzl';

export interface ZipEntryInfo {
  name: string;
  size: number;
  symlink: boolean;
  mode: number;
}

/** Lists a ZIP given as bytes or as a file path (read from disk as needed, so a 1 GB upload is never held in memory). */
export function listZip(source: Buffer | string): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    const options = { lazyEntries: true, strictFileNames: true };
    const opened = (error: Error | null, zip?: yauzl.ZipFile) => {
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
    };
    if (typeof source === 'string') yauzl.open(source, options, opened);
    else yauzl.fromBuffer(source, options, opened);
  });
}
