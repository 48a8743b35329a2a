// Splitting text read a chunk at a time into lines, for the JSONL and CSV readers.

/**
 * Calls `onLine` for each complete line of `text`, the first joined to `rest` (the unfinished line
 * of the chunks before), and returns the new unfinished rest. Only the first line is joined:
 * `rest + text` would copy every chunk whole.
 */
export function eachLine(rest: string, text: string, onLine: (line: string) => void): string {
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    onLine(start === 0 ? rest + text.slice(0, end) : text.slice(start, end));
    start = end + 1;
  }
  return start === 0 ? rest + text : text.slice(start);
}
