// Calls the emulator's control endpoint (/_emulator): used by the tests, the demo and the benchmarks.
// Callers name the answer's type; left unnamed it is `unknown`, so an unchecked read does not type-check.
export async function emulatorControl<T = unknown>(controlUrl: string, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${controlUrl}${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`emulator control ${method} ${route}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
