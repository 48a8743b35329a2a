// Creating a Konan deployment from a Docker image. Servers with projects answer the deployment body
// with 400; then, as the official SDK does, create a project of that name and add the image to it
// as its live model. Creation may answer 2xx and still list errors: the caller decides.
import { type KonanApiError, missingInAnswer } from './errors.js';
import type { KonanHttp } from './http.js';
import { addModel, type CreationError, type ImageSpec, imageBody, isBadRequest, type ModelInfo, readErrors, readLogs, readModel } from './models.js';

export interface DeploymentCreation {
  deploymentId: string;
  deploymentName: string;
  model: ModelInfo;
  errors: CreationError[];
  containerLogs: string;
  /** `project` when the server answered the deployment body with 400 and the project flow was used. */
  flow: 'deployment' | 'project';
  /** Why the project flow was used (the 400's words). */
  fallbackReason?: string;
}

export async function createDeployment(http: KonanHttp, deploymentName: string, modelName: string, image: ImageSpec): Promise<DeploymentCreation> {
  let answer: { body: unknown; endpoint: string };
  try {
    answer = await http.post('/deployments/', { deployment_name: deploymentName, model_name: modelName, ...imageBody(image) });
  } catch (error) {
    if (!isBadRequest(error)) throw error;
    return createProject(http, deploymentName, modelName, image, error);
  }
  const body = (answer.body ?? {}) as Record<string, unknown>;
  const deployment = (body.deployment ?? {}) as Record<string, unknown>;
  if (typeof deployment.uuid !== 'string') throw missingInAnswer(answer.endpoint, 'deployment uuid', answer.body);
  return {
    deploymentId: deployment.uuid,
    deploymentName: typeof deployment.name === 'string' ? deployment.name : deploymentName,
    model: readModel(answer.endpoint, deployment.model),
    errors: readErrors(body.errors),
    containerLogs: readLogs(body.container_logs),
    flow: 'deployment',
  };
}

async function createProject(http: KonanHttp, name: string, modelName: string, image: ImageSpec, first: KonanApiError): Promise<DeploymentCreation> {
  let answer: { body: unknown; endpoint: string };
  try {
    answer = await http.post('/deployments/', { name });
  } catch (error) {
    if (!isBadRequest(error)) throw error;
    throw new Error(
      `Konan refused the deployment: POST /deployments/ answered 400 to the deployment body (${first.detail}) and to the project body (${error.detail})`,
      { cause: error },
    );
  }
  const project = (answer.body ?? {}) as Record<string, unknown>;
  if (typeof project.uuid !== 'string') throw missingInAnswer(answer.endpoint, 'project uuid', answer.body);
  const created = await addModel(http, project.uuid, modelName, image, 'live');
  return {
    deploymentId: project.uuid,
    deploymentName: typeof project.name === 'string' ? project.name : name,
    ...created,
    flow: 'project',
    fallbackReason: first.detail,
  };
}
