// The packaging benchmark's trees, generated at run time: (a) 1,000 incompressible 40 KB blobs +
// 3,000 small JS files (79 MB), (b) 10,000 files / 200 MB, 80% source-like and 20% binary,
// (c) 50,000 tiny files.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const WORDS = 'const let function return import export from await async class extends render state props div span'.split(' ');

function sourceText(size: number): Buffer {
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const word = WORDS[Math.floor(Math.random() * WORDS.length)] + (Math.random() < 0.1 ? '\n' : ' ');
    parts.push(word);
    length += word.length;
  }
  return Buffer.from(parts.join('').slice(0, size));
}

async function put(root: string, dir: string, name: string, content: Buffer | string, made: Set<string>): Promise<void> {
  const folder = path.join(root, dir);
  if (!made.has(folder)) {
    await mkdir(folder, { recursive: true });
    made.add(folder);
  }
  await writeFile(path.join(folder, name), content);
}

export interface Tree {
  key: string;
  label: string;
  /** Target of ours / zip wall time. */
  target: number;
  make(root: string): Promise<void>;
}

export const TREES: Tree[] = [
  {
    key: 'a',
    label: '(a) 4,000 files / 79 MB: 1,000 incompressible 40 KB blobs + 3,000 small JS files',
    target: 0.5,
    async make(root) {
      const made = new Set<string>();
      for (let i = 0; i < 1000; i++) await put(root, `assets/${i % 20}`, `blob${i}.bin`, randomBytes(40 * 1024), made);
      for (let i = 0; i < 3000; i++) await put(root, `src/${i % 60}`, `mod${i}.js`, sourceText(13_000 + (i % 7) * 100), made);
    },
  },
  {
    key: 'b',
    label: '(b) 10,000 files / 200 MB: 80% source-like text, 20% binary (.png)',
    target: 0.5,
    async make(root) {
      const made = new Set<string>();
      const size = Math.floor((200 * 1024 * 1024) / 10_000);
      for (let i = 0; i < 10_000; i++) {
        const binary = i % 5 === 4;
        await put(root, `pkg${i % 100}/mod${i % 7}`, `file${i}.${binary ? 'png' : 'js'}`, binary ? randomBytes(size) : sourceText(size), made);
      }
    },
  },
  {
    key: 'c',
    label: '(c) 50,000 tiny files (50-250 bytes)',
    target: 1.0,
    async make(root) {
      const made = new Set<string>();
      for (let i = 0; i < 50_000; i++) await put(root, `d${i % 500}`, `f${i}.js`, `export const v${i} = ${i}; // tiny module\n`.repeat(1 + (i % 5)), made);
    },
  },
];
