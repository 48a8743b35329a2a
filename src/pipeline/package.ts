// The package step: list the files the ignore rules leave, then stream them into a ZIP.
import * as core from '../actions/core.js';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type ListingStream, streamFiles } from '../archive/files.js';
import { writeZip, type ZipResult } from '../archive/zip.js';
import type { Inputs } from '../inputs.js';
import { inStage, newStage, type PackageStage, type RunResult } from '../result.js';
import { formatBytes } from '../units.js';

export interface PackagedArchive {
  zipPath: string;
  sha256: string;
  size: number;
  files: number;
}

export async function packageWorkspace(inputs: Inputs, result: RunResult, workspace: string, tempDir: string): Promise<PackagedArchive> {
  const root = path.resolve(workspace, inputs.path);
  const stage = (result.stages.package = newStage<PackageStage>({ path: inputs.path, skipped: [] }));
  return inStage(stage, async () => {
    const info = await stat(root).catch(() => undefined);
    if (!info?.isDirectory()) throw new Error(`Input 'path' is '${inputs.path}': ${root} is not a folder`);
    // Listed and written side by side: the listing's warnings are complete once the ZIP is, and
    // what was found is reported even when writing fails (too big, a file gone).
    const listing = await streamFiles(root, { ignoreFile: inputs['ignore-file'], exclude: inputs.exclude });
    const zipPath = path.join(tempDir, 'app.zip');
    let zip: ZipResult;
    try {
      zip = await writeZip(listing.chunks, zipPath, inputs['max-archive-size']);
    } finally {
      reportListing(listing, inputs, stage, result);
    }
    if (zip.files === 0) {
      await rm(zipPath, { force: true });
      throw new Error(
        `Nothing to package in '${inputs.path}': it is empty or every file is ignored (.git/, ` +
          `${listing.ignoreFileUsed ? `'${inputs['ignore-file']}', ` : ''}exclude).`,
      );
    }
    Object.assign(stage, zip);
    core.info(
      `Packaged ${zip.files} ${zip.files === 1 ? 'file' : 'files'} from '${inputs.path}' into ${formatBytes(zip.size)} (sha256 ${zip.sha256})` +
        (listing.ignoreFileUsed ? `, ignoring what '${inputs['ignore-file']}' lists` : ''),
    );
    return { zipPath, ...zip };
  });
}

function reportListing(listing: ListingStream, inputs: Inputs, stage: PackageStage, result: RunResult): void {
  stage.skipped = listing.skipped;
  for (const reason of listing.skipped) core.warning(`Not packaged: ${reason}`);
  if (!listing.credentialLike.length) return;
  const shown = listing.credentialLike.slice(0, 20).join(', ') + (listing.credentialLike.length > 20 ? `, and ${listing.credentialLike.length - 20} more` : '');
  const message =
    `${listing.credentialLike.length} packaged file(s) look like credentials and will be uploaded: ${shown}. ` +
    `If they should not be, list them in '${inputs['ignore-file']}' or the 'exclude' input (e.g. '.env*', '*.pem').`;
  core.warning(message);
  result.warnings.push(message);
}
