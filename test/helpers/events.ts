// Event payloads as GitHub sends them (the fields the action reads).
export const HEAD_SHA = 'feedc0de00000000000000000000000000000001';

export function pullRequest(number: number, options: { fork?: boolean; sha?: string } = {}) {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number,
      pull_request: {
        number,
        head: { sha: options.sha ?? HEAD_SHA, repo: { full_name: options.fork ? 'outsider/shop' : 'acme/shop' } },
        base: { repo: { full_name: 'acme/shop' } },
      },
    },
  };
}

export function release(action: string, options: { prerelease?: boolean } = {}) {
  return { name: 'release', payload: { action, release: { tag_name: 'v1.4.0', prerelease: options.prerelease ?? false, draft: false } } };
}
