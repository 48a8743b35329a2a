// Konan models of one deployment: list, add (as challenger or live), switch live, delete. States are
// live | challenger | disabled, read as open strings. Answers are read tolerantly (INFERRED shapes).
import { z } from 'zod';
import { KonanApiError, missingInAnswer } from './errors.js';
import type { KonanHttp } from './http.js';

export interface ModelInfo {
  uuid: string;
  name: string;
  createdAt?: string;
  state: string;
}

/** An image to run as a model; `dockerPassword` is a secret and travels in the JSON body only. */
export interface ImageSpec {
  imageUrl: string;
  exposedPort: number;
  dockerUsername?: string;
  dockerPassword?: string;
}

export interface CreationError {
  field: string;
  message: string;
}

/** What a model creation answered: the model, and the errors and container logs that came with it. */
export interface ModelCreation {
  model: ModelInfo;
  errors: CreationError[];
  containerLogs: string;
}

const Model = z.looseObject({ uuid: z.string(), name: z.unknown(), created_at: z.unknown(), state: z.unknown() });

/** A field the contract leaves open as text: scalars as they are, structures as JSON, nothing as the fallback. */
function textOf(value: unknown, fallback: string): string {
  if (value == null) return fallback;
  // JSON values only (this reads parsed answers): numbers and booleans print as String() would.
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function readModel(endpoint: string, value: unknown): ModelInfo {
  const parsed = Model.safeParse(value);
  if (!parsed.success) throw missingInAnswer(endpoint, 'model with a uuid', value);
  const { uuid, name, created_at, state } = parsed.data;
  return { uuid, name: textOf(name, ''), createdAt: typeof created_at === 'string' ? created_at : undefined, state: textOf(state, 'unknown') };
}

/** `errors`: [{field, message}] with `field` an open string (the SDK's enum knows image, health_endpoint, exposed_port). */
export function readErrors(value: unknown): CreationError[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    const record: Record<string, unknown> = item && typeof item === 'object' ? (item as Record<string, unknown>) : { message: item };
    const field = record.field ?? record.type ?? 'unknown';
    const message = typeof record.message === 'string' ? record.message : JSON.stringify(record.message ?? record);
    return { field: textOf(field, 'unknown'), message };
  });
}

export function readLogs(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join('\n');
  return value == null ? '' : JSON.stringify(value);
}

export function imageBody(image: ImageSpec): Record<string, unknown> {
  return {
    image_url: image.imageUrl,
    exposed_port: image.exposedPort,
    ...(image.dockerUsername !== undefined || image.dockerPassword !== undefined
      ? { docker_username: image.dockerUsername ?? '', docker_password: image.dockerPassword ?? '' }
      : {}),
  };
}

const modelsPath = (deploymentId: string) => `/deployments/${encodeURIComponent(deploymentId)}/models/`;

export async function listModels(http: KonanHttp, deploymentId: string): Promise<ModelInfo[]> {
  const { body, endpoint } = await http.get(modelsPath(deploymentId));
  const results = Array.isArray(body) ? body : (body as { results?: unknown } | undefined)?.results;
  if (!Array.isArray(results)) throw missingInAnswer(endpoint, 'list of models', body);
  return results.map((m) => readModel(endpoint, m));
}

export async function addModel(http: KonanHttp, deploymentId: string, name: string, image: ImageSpec, state: 'challenger' | 'live'): Promise<ModelCreation> {
  const { body, endpoint } = await http.post(modelsPath(deploymentId), { name, ...imageBody(image), state });
  const answer = (body ?? {}) as Record<string, unknown>;
  return { model: readModel(endpoint, answer.model ?? answer), errors: readErrors(answer.errors), containerLogs: readLogs(answer.container_logs) };
}

/** Makes `modelId` live; the model live until now becomes a challenger. */
export async function switchLive(http: KonanHttp, deploymentId: string, modelId: string): Promise<void> {
  await http.post(`/deployments/${encodeURIComponent(deploymentId)}/switch/`, { switch_to: 'challenger', new_live_model: modelId });
}

/** Newest first, by created_at (models without one last). */
export function newestFirst(models: ModelInfo[]): ModelInfo[] {
  const time = (m: ModelInfo) => (m.createdAt ? Date.parse(m.createdAt) || 0 : 0);
  return [...models].sort((a, b) => time(b) - time(a));
}

export const isBadRequest = (error: unknown): error is KonanApiError => error instanceof KonanApiError && error.status === 400;
