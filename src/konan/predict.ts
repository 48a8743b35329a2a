// One prediction: POST /deployments/<uuid>/predict/ with the input object as is.
import { missingInAnswer } from './errors.js';
import type { KonanHttp } from './http.js';

export interface Prediction {
  uuid: string;
  output: unknown;
}

export async function predict(http: KonanHttp, deploymentId: string, input: Record<string, unknown>): Promise<Prediction> {
  const { body, endpoint } = await http.post(`/deployments/${encodeURIComponent(deploymentId)}/predict/`, input);
  const answer = (body ?? {}) as Record<string, unknown>;
  if (typeof answer.prediction_uuid !== 'string') throw missingInAnswer(endpoint, 'prediction_uuid', body);
  return { uuid: answer.prediction_uuid, output: answer.output ?? null };
}
