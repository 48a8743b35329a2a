// A GitHub comment's markdown as GitHub shows it: GitHub-flavoured markdown rendered by marked,
// inside a page styled like a comment (GitHub's light colours, system fonts, nothing fetched).
import { marked } from 'marked';

export const WIDTH = 820;

/** A page that looks like a GitHub comment (system fonts, GitHub's light colours), with no external resource. */
export function commentPage(markdown: string): string {
  const body = marked.parse(markdown, { gfm: true, async: false });
  return `<!doctype html><html><head><meta charset="utf-8"><style>
  html, body { margin: 0; background: #fff; }
  body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; color: #1f2328; }
  .comment { width: ${WIDTH - 34}px; margin: 8px; border: 1px solid #d1d9e0; border-radius: 6px; }
  .header { padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; color: #59636e; }
  .header b { color: #1f2328; }
  .body { padding: 4px 16px 12px; }
  h3 { font-size: 1.25em; margin: 16px 0 12px; }
  table { border-collapse: collapse; margin: 0 0 16px; }
  th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
  tr:nth-child(2n) { background: #f6f8fa; }
  code { font: 85% ui-monospace, "DejaVu Sans Mono", monospace; background: #eff1f3; padding: .2em .4em; border-radius: 6px; }
  a { color: #0969da; text-decoration: none; }
  sub { color: #59636e; }
  </style></head><body><div class="comment"><div class="header"><b>github-actions</b> bot commented</div><div class="body">${body}</div></div></body></html>`;
}
