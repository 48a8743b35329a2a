// One packaging run (list + ZIP) of argv[2] into argv[3]; prints the archive facts as JSON.
import { listFiles } from '../src/archive/files.js';
import { writeZip } from '../src/archive/zip.js';

const [root, out] = process.argv.slice(2);
const listing = await listFiles(root, { ignoreFile: '.konigleignore', exclude: [] });
const zip = await writeZip(listing.entries, out, 4 * 1024 ** 3);
console.log(JSON.stringify(zip));
