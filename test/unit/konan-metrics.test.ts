// Rendering Konan metrics: plain values in the table, matrices as tables, anything else readable JSON.
import { describe, expect, it } from '@jest/globals';
import { readMetrics } from '../../src/konan/evaluate.js';
import { compactJson, formatNumber, renderMarkdown, renderNestedValue } from '../../src/report/markdown.js';
import { newResult, type RunResult } from '../../src/result.js';

describe('readMetrics', () => {
  it('reads predefined and custom metrics, leaving out null values as the SDK does', () => {
    const body = {
      metrics: {
        predefined: {
          rmse: 0.12,
          mae: null,
          confusion_matrix: [
            [1, 2],
            [3, 4],
          ],
        },
        custom: [{ metric_name: 'lift', metric_value: 1.7 }],
      },
    };
    expect(readMetrics(body)).toEqual([
      { name: 'rmse', kind: 'predefined', value: 0.12 },
      {
        name: 'confusion_matrix',
        kind: 'predefined',
        value: [
          [1, 2],
          [3, 4],
        ],
      },
      { name: 'lift', kind: 'custom', value: 1.7 },
    ]);
  });

  it('says so when the answer has no metrics', () => {
    expect(() => readMetrics({ detail: 'x' })).toThrow('the answer has no metrics');
  });
});

describe('metric values', () => {
  it('formats numbers as people read them', () => {
    expect([formatNumber(3), formatNumber(0.833333), formatNumber(1234.56789), formatNumber(0.0000123)]).toEqual(['3', '0.8333', '1234.5679', '1.230e-5']);
  });

  it('renders a square numeric matrix as a table', () => {
    expect(
      renderNestedValue([
        [5, 1],
        [2, 7],
      ]),
    ).toBe('| | 0 | 1 |\n|---|---|---|\n| **0** | 5 | 1 |\n| **1** | 2 | 7 |');
  });

  it('renders label → label → count as a table with the labels, escaped', () => {
    const value = { 'a|b': { 'a|b': 3, '<c>': 1 }, '<c>': { 'a|b': 0, '<c>': 4 } };
    expect(renderNestedValue(value)).toBe('| | a&#124;b | &lt;c&gt; |\n|---|---|---|\n| **a&#124;b** | 3 | 1 |\n| **&lt;c&gt;** | 0 | 4 |');
  });

  it('renders other nested values as compact JSON in a fence, rows of numbers on one line', () => {
    const multiLabel = [
      [
        [1, 0],
        [0, 1],
      ],
      [
        [2, 1],
        [0, 3],
      ],
    ];
    expect(compactJson(multiLabel)).toBe('[\n  [\n    [1, 0],\n    [0, 1]\n  ],\n  [\n    [2, 1],\n    [0, 3]\n  ]\n]');
    expect(renderNestedValue(multiLabel)).toBe('```text\n' + compactJson(multiLabel) + '\n```');
    expect(renderNestedValue({ eur: 1.5 })).toBe('```text\n{\n  "eur": 1.5\n}\n```');
    expect(renderNestedValue(0.5)).toBeUndefined();
  });

  it('puts the table and the nested values in the report', () => {
    const result: RunResult = newResult(
      {
        repository: 'acme/shop',
        sha: 'abcdef0123',
        ref: 'refs/heads/main',
        event: 'schedule',
        runId: 1,
        runNumber: 2,
        runAttempt: 1,
        runUrl: 'https://github.com/acme/shop/actions/runs/1',
      },
      'feedback',
    );
    result.stages.evaluate = {
      status: 'success',
      startedAt: '',
      durationMs: 1,
      messages: [],
      deploymentId: 'd',
      start: '2026-11-01T00:00:00.000+00:00',
      end: '2026-11-08T00:00:00.000+00:00',
      metrics: [
        { name: 'rmse', kind: 'predefined', value: 0.123456 },
        {
          name: 'confusion_matrix',
          kind: 'predefined',
          value: [
            [5, 1],
            [2, 7],
          ],
        },
        { name: '@team <b>', kind: 'custom', value: 'high' },
      ],
    };
    const md = renderMarkdown(result);
    expect(md).toContain('### ✅ Konan metrics evaluated');
    expect(md).toContain(
      '| metric | kind | value |\n|---|---|---|\n| rmse | predefined | 0.1235 |\n| confusion\\_matrix | predefined | below |\n| @\u200Bteam &lt;b&gt; | custom | high |',
    );
    expect(md).toContain('**confusion\\_matrix**\n\n| | 0 | 1 |');
  });
});
