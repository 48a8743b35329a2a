// The README's inputs and outputs tables, rendered from action.yml so the two cannot drift.
// `npm run docs` rewrites the text between the marker comments; a unit test fails when it is stale.
import { parse } from 'yaml';

interface Spec {
  description?: string;
  default?: string | number | boolean;
  required?: boolean;
}
export interface ActionMetadata {
  inputs: Record<string, Spec>;
  outputs: Record<string, Spec>;
}

export const TABLES = ['inputs', 'outputs'] as const;
export type Table = (typeof TABLES)[number];

const start = (table: Table) => `<!-- ${table}:start (generated from action.yml by \`npm run docs\`: edit action.yml, not this table) -->`;
const end = (table: Table) => `<!-- ${table}:end -->`;

export function parseAction(yamlText: string): ActionMetadata {
  const action = parse(yamlText) as Partial<ActionMetadata>;
  return { inputs: action.inputs ?? {}, outputs: action.outputs ?? {} };
}

/** A table cell: one line; pipes and angle brackets escaped so they cannot end the cell or hide as HTML. */
function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .trim();
}

/** `code` that survives backticks inside (GitHub's `${{ github.token }}` has none, but be safe). */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim()}${fence}`;
}

export function renderTable(action: ActionMetadata, table: Table): string {
  if (table === 'inputs') {
    const rows = Object.entries(action.inputs).map(([name, spec]) => {
      const fallback = spec.default === undefined || spec.default === '' ? '' : code(String(spec.default));
      return `| \`${name}\` | ${fallback} | ${cell(spec.description ?? '')} |`;
    });
    return ['| input | default | meaning |', '|---|---|---|', ...rows].join('\n');
  }
  const rows = Object.entries(action.outputs).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description ?? '')} |`);
  return ['| output | meaning |', '|---|---|', ...rows].join('\n');
}

/** The README with every marked table replaced by its rendering; throws when a marker is missing. */
export function updateReadme(readme: string, action: ActionMetadata): string {
  let text = readme;
  for (const table of TABLES) {
    const from = text.indexOf(`<!-- ${table}:start`);
    const to = text.indexOf(end(table));
    if (from < 0 || to < from) throw new Error(`README.md has no '<!-- ${table}:start -->' … '${end(table)}' block`);
    text = `${text.slice(0, from)}${start(table)}\n${renderTable(action, table)}\n${text.slice(to)}`;
  }
  return text;
}
