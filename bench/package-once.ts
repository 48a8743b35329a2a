// One packaging run (list + ZIP, side by side as the action does it) of argv[2] into argv[3]; prints the archive facts as JSON.
import { streamFiles } from '../src/archive/files.js';
import { writeZip } from '../src/archive/zip.js';

const [root, out] = process.argv.slice(2);
const listing = await streamFiles(root, { ignoreFile: '.konigleignore', exclude: [] });
const zip = await writeZip(listing.chunks, out, 4 * 1024 ** 3);
console.log(JSON.stringify(zip));
