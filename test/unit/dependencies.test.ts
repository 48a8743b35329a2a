// `dependencies` holds exactly what the bundled action imports; emulator-, test- and bench-only
// packages stay in devDependencies (so they never reach dist/ nor a user's audit).
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/action.js';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Packages a file imports at run time (type-only imports vanish from the bundle). */
function runtimeImports(text: string): string[] {
  const specifiers = [
    ...[...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+'([^']+)'/gms)].map((m) => m[1]),
    ...[...text.matchAll(/^\s*import\s+'([^']+)'/gm)].map((m) => m[1]),
    ...[...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]),
  ];
  return specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:'))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]));
}

describe('dependencies', () => {
  it('reads imports the way the bundler does', () => {
    const text =
      "import a from 'a';\nimport type { T } from 't';\nimport {\n  x,\n} from '@s/b/deep.js';\nexport { y } from './local.js';\nconst z = await import('z');\nimport 'side';\n";
    expect(runtimeImports(text).sort()).toEqual(['@s/b', 'a', 'side', 'z']);
  });

  it('are exactly the packages src/ imports at run time', () => {
    const imported = new Set(sources(path.join(ROOT, 'src')).flatMap((file) => runtimeImports(readFileSync(file, 'utf8'))));
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...imported].sort());
  });

  it('keep the emulator-only packages out of the runtime set', () => {
    for (const name of ['busboy', 'yauzl']) {
      expect(pkg.dependencies[name]).toBeUndefined();
      expect(pkg.devDependencies[name]).toBeDefined();
    }
  });
});
