// Calls the emulator's control endpoint (/_emulator): used by the tests, the demo and the benchmarks.
// The default stays `any` until bench/feedback.ts (changing on another branch) names the answer's type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function emulatorControl<T = any>(controlUrl: string, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${controlUrl}${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`emulator control ${method} ${route}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
