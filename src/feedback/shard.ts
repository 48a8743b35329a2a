// `feedback-shard: i/n`: which rows one of n parallel runs sends. A row belongs to the shard its
// uuid hashes to: FNV-1a (32 bits) over the uuid's 32 hex digits in lower case, dashes left out,
// modulo n. Stable across runs, versions and machines, and blind to case and dashes, so n jobs
// over the same file send every row exactly once between them.

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

const MAX_SHARDS = 1000;

/** `i/n` with 1 ≤ i ≤ n ≤ 1000, or undefined. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const [index, count] = [Number(match[1]), Number(match[2])];
  return index >= 1 && index <= count && count <= MAX_SHARDS ? { index, count } : undefined;
}

/** The 1-based shard of a uuid among `count`. */
export function shardOf(uuid: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < uuid.length; i++) {
    const c = uuid.charCodeAt(i);
    if (c === 45) continue; // '-'
    h = Math.imul(h ^ (c >= 65 && c <= 70 ? c | 32 : c), 0x01000193);
  }
  return ((h >>> 0) % count) + 1;
}

export const inShard = (uuid: string, shard: Shard | undefined) => shard === undefined || shardOf(uuid, shard.count) === shard.index;

export const describeShard = (shard: Shard) => `${shard.index}/${shard.count}`;
