// One upload of argv[5] (the ZIP) through deployToSpace (the action's own code); prints the seconds it took.
import { KonigleHttp } from '../src/konigle/http.js';
import { deployToSpace } from '../src/konigle/spaces.js';

const [base, key, spaceId, zipPath] = process.argv.slice(2);
const started = performance.now();
const deployment = await deployToSpace(new KonigleHttp({ baseUrl: base, apiKey: key }), spaceId, {
  zipPath,
  fieldName: 'file',
  displayName: 'bench',
  timeoutMs: 600_000,
});
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, deployment: deployment.id }));
