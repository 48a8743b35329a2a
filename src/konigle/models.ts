// Konigle Cloud models as the wire carries them. Unknown fields are kept (looseObject);
// a missing required field is an error naming the field and the endpoint.
import { z } from 'zod';

/** Ids stay strings: snowflakes exceed 2^53 (parseJson already hands big ones over as strings). */
const id = z.union([z.string(), z.number()]).transform(String);
const nullableText = z.string().nullish();

export const Job = z.looseObject({
  id,
  task_name: z.string().nullish(),
  status: z.string(),
  log: z
    .array(z.unknown())
    .nullish()
    .transform((l) => l ?? []),
  created_at: nullableText,
  completed_at: nullableText,
});
export type Job = z.output<typeof Job>;

export const Deployment = z.looseObject({
  id,
  display_name: nullableText,
  job_id: id,
  space_id: id,
  created_at: nullableText,
});
export type Deployment = z.output<typeof Deployment>;

export const Space = z.looseObject({
  id,
  space_type: z.string(),
  status: z.string(),
  platform_domain: z
    .string()
    .nullish()
    .transform((s) => s ?? ''),
  custom_domain: z
    .string()
    .nullish()
    .transform((s) => s ?? ''),
  custom_domain_status: z
    .string()
    .nullish()
    .transform((s) => s ?? 'unmapped'),
  last_deployed_at: nullableText,
  last_deployment_status: nullableText,
  webapp: id.nullish(),
  created_at: nullableText,
});
export type Space = z.output<typeof Space>;

export const WebApp = z.looseObject({
  id,
  name: z.string(),
  display_name: nullableText,
  emoji: nullableText,
  runtime: z.string(),
  computer: id.nullish(),
  created_at: nullableText,
});
export type WebApp = z.output<typeof WebApp>;

export const Computer = z.looseObject({
  id,
  name: z.string(),
  display_name: nullableText,
  emoji: nullableText,
  region: z.string(),
  size: z.string(),
  status: z.string(),
  public_ip: nullableText,
  created_at: nullableText,
});
export type Computer = z.output<typeof Computer>;

/** A resource's public URL: the custom domain once active, else the platform domain. */
export function spaceUrl(space: Space): string | undefined {
  if (space.custom_domain && space.custom_domain_status === 'active') return `https://${space.custom_domain}`;
  return space.platform_domain ? `https://${space.platform_domain}` : undefined;
}

export function parseModel<T extends z.ZodType>(schema: T, body: unknown, endpoint: string, what: string): z.output<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => {
    const field = i.path.join('.') || '(body)';
    return i.code === 'invalid_type' && i.input === undefined ? `missing field '${field}'` : `field '${field}': ${i.message}`;
  });
  throw new Error(`Konigle API ${endpoint}: the ${what} in the answer is not as expected: ${problems.join('; ')}`);
}

/**
 * A create answer (INFERRED, so both shapes are accepted): the resource with a `job_id` added, or
 * `{"<key>": resource, "job_id": ...}`, as the SDK's `(resource, job_id)` pair comes over the wire.
 */
export function parseCreated<T extends z.ZodType>(
  schema: T,
  body: unknown,
  endpoint: string,
  key: string,
  what: string,
): { resource: z.output<T>; jobId: string } {
  const outer = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const inner = outer[key];
  const wrapped = inner !== null && typeof inner === 'object' && !Array.isArray(inner);
  const resource = parseModel(schema, wrapped ? inner : body, endpoint, what);
  const jobId = outer.job_id ?? (wrapped ? (inner as Record<string, unknown>).job_id : undefined);
  if ((typeof jobId !== 'string' && typeof jobId !== 'number') || jobId === '') {
    throw new Error(`Konigle API ${endpoint}: the answer has no 'job_id' to follow the ${what}'s provisioning Job by`);
  }
  return { resource, jobId: String(jobId) };
}
