// V8 grows its young generation as a run goes on: a million rows' garbage takes it to its maximum,
// 2 × 64 MB on Node 24 (32 MB on Node 20), every page of it touched and so resident. Past 8 MB it
// bought no speed here (1M rows: same CPU time, peak RSS 107 MB instead of 207 MB on Node 24), so
// while feedback is read or sent its growth is stopped there. V8 reads this flag each time it would
// grow the space.
import v8 from 'node:v8';

const CAP_BYTES = 8 * 1024 * 1024;
/** V8's own default, put back when feedback is done: packaging and the rest were measured with it. */
const DEFAULT_GROWTH = 2;
/** V8 versions known to have the flag (Node 20 to 24): another V8 would print "unrecognized flag" in the log. */
const KNOWN_V8 = (major: number) => major >= 11 && major <= 13;

/** Runs `work` with the young generation's growth stopped once it reaches 8 MB, then lets it grow again. */
export async function withYoungGenerationCapped<T>(work: () => Promise<T>): Promise<T> {
  if (!KNOWN_V8(Number(process.versions.v8.split('.')[0]))) return work();
  let capped = false;
  const watch = setInterval(() => {
    const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (!space) clearInterval(watch);
    else if (space.space_size >= CAP_BYTES) {
      v8.setFlagsFromString('--semi-space-growth-factor=1');
      capped = true;
      clearInterval(watch);
    }
  }, 50).unref();
  try {
    return await work();
  } finally {
    clearInterval(watch);
    if (capped) v8.setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH}`);
  }
}
