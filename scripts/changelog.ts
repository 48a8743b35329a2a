// Reading CHANGELOG.md (Keep a Changelog): the entry of one version, for the release notes.

/** The body of `## [version]` (without its heading), trimmed; throws when there is no such entry. */
export function changelogEntry(changelog: string, version: string): string {
  const lines = changelog.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`## [${version}]`));
  if (start < 0) throw new Error(`CHANGELOG.md has no '## [${version}]' entry: move the Unreleased notes under it before tagging.`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line.startsWith('## ['));
  const body = rest
    .slice(0, end < 0 ? rest.length : end)
    .join('\n')
    .replace(/^\[[^\]]+\]: .*$/gm, '')
    .trim();
  if (!body) throw new Error(`CHANGELOG.md's entry for ${version} is empty.`);
  return body;
}
