// Konan's predefined metrics, computed from stored predictions and their feedback, under the names
// the official SDK knows (rmse, mae, precision, recall, f1_score, confusion_matrix). Numeric
// outputs with fractions are a regression; labels (strings, booleans, whole numbers) a classification.

export interface Pair {
  output: unknown;
  target: unknown;
}

/** The value a prediction or a target stands for: `{"prediction": x}` (or a one-key object) is x. */
export function valueOf(x: unknown): unknown {
  if (x && typeof x === 'object' && !Array.isArray(x)) {
    const record = x as Record<string, unknown>;
    if ('prediction' in record) return record.prediction;
    const keys = Object.keys(record);
    if (keys.length === 1) return record[keys[0]];
    return JSON.stringify(record);
  }
  return x;
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

function regression(pairs: [number, number][]): Record<string, number> {
  const errors = pairs.map(([p, t]) => p - t);
  return {
    rmse: round(Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length)),
    mae: round(errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length),
  };
}

function classification(pairs: [string, string][]): Record<string, unknown> {
  const labels = [...new Set(pairs.flat())].sort();
  const matrix: Record<string, Record<string, number>> = {};
  for (const actual of labels) matrix[actual] = Object.fromEntries(labels.map((l) => [l, 0]));
  for (const [predicted, actual] of pairs) matrix[actual][predicted]++;
  // Macro averages over the labels, as scikit-learn's average='macro'.
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  for (const label of labels) {
    const tp = matrix[label][label];
    const predicted = labels.reduce((s, a) => s + matrix[a][label], 0);
    const actual = labels.reduce((s, p) => s + matrix[label][p], 0);
    const p = predicted ? tp / predicted : 0;
    const r = actual ? tp / actual : 0;
    precision += p;
    recall += r;
    f1 += p + r ? (2 * p * r) / (p + r) : 0;
  }
  return { precision: round(precision / labels.length), recall: round(recall / labels.length), f1_score: round(f1 / labels.length), confusion_matrix: matrix };
}

export function predefinedMetrics(pairs: Pair[]): Record<string, unknown> {
  if (pairs.length === 0) return {};
  const values = pairs.map((p) => [valueOf(p.output), valueOf(p.target)] as [unknown, unknown]);
  const numeric = values.every(([p, t]) => typeof p === 'number' && typeof t === 'number');
  if (numeric && values.some(([p, t]) => !Number.isInteger(p) || !Number.isInteger(t))) return regression(values as [number, number][]);
  return classification(values.map(([p, t]) => [String(p), String(t)]));
}

/**
 * An ISO 8601 time as epoch ms; one without an offset is read as UTC (the server's zone), where
 * JavaScript would read it as local time. undefined when it is not a time.
 */
export function parseServerTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim());
  if (!match) return undefined;
  const iso = text.trim().replace(' ', 'T');
  const withOffset = match[1] ? iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : iso.includes('T') ? `${iso}Z` : `${iso}T00:00:00Z`;
  const ms = Date.parse(withOffset);
  return Number.isNaN(ms) ? undefined : ms;
}
