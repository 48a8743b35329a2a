// command: konan-deploy. Without konan-deployment-id: create a deployment from the image (the project
// flow when the server asks for it); with it: add the image as a challenger model. The creation's
// errors and the tail of its container logs go to the job log (collapsed) and to the result; a
// creation with errors fails the step. Then, when konan-smoke-input is set, one smoke prediction.
import * as core from '../actions/core.js';
import type { Inputs } from '../inputs.js';
import { createDeployment } from '../konan/deployments.js';
import type { KonanHttp } from '../konan/http.js';
import { addModel, type ImageSpec } from '../konan/models.js';
import { predict } from '../konan/predict.js';
import { inStage, type KonanDeployStage, newStage, pushTail, type RunResult, type SmokeStage } from '../result.js';
import { printLogLines } from './job-log.js';
import { konanClient } from './konan-client.js';
import { redact } from '../redact.js';

const LOG_TAIL = 50;

function imageOf(inputs: Inputs): ImageSpec {
  return {
    imageUrl: inputs['konan-image-url']!,
    exposedPort: inputs['konan-exposed-port']!,
    dockerUsername: inputs['konan-docker-username'],
    dockerPassword: inputs['konan-docker-password'],
  };
}

/** Errors and logs into the stage and, collapsed, into the job log; the registry password never. */
function showCreation(stage: KonanDeployStage, errors: { field: string; message: string }[], logs: string): void {
  // The registry password is one of the redactor's secrets (registered when the inputs were read).
  stage.errors = errors.map((e) => ({ field: redact(e.field), message: redact(e.message) }));
  for (const line of redact(logs).split(/\r?\n/)) if (line.trim() !== '') pushTail(stage.containerLogTail, line, LOG_TAIL);
  const title = stage.errors.length ? `Konan model creation: ${stage.errors.length} error(s), container logs` : 'Konan model creation: container logs';
  core.startGroup(title);
  printLogLines([
    ...stage.errors.map((e) => `error [${e.field}]: ${e.message}`),
    ...(stage.containerLogTail.length ? stage.containerLogTail : ['(no container logs)']),
  ]);
  core.endGroup();
}

async function createOrAdd(inputs: Inputs, result: RunResult, http: KonanHttp): Promise<string> {
  const existing = inputs['konan-deployment-id'];
  const stage = (result.stages.konanDeploy = newStage<KonanDeployStage>({
    action: existing ? 'challenger' : 'create',
    imageUrl: inputs['konan-image-url']!,
    deploymentId: existing,
    deploymentName: inputs['konan-deployment-name'],
    modelName: inputs['konan-model-name'] ?? inputs['konan-deployment-name'],
    errors: [],
    containerLogTail: [],
  }));
  return inStage(stage, async () => {
    const image = imageOf(inputs);
    const modelName = stage.modelName!;
    if (inputs['dry-run']) {
      stage.status = 'skipped';
      stage.messages.push(
        existing
          ? `Dry run: ${image.imageUrl} would be added to Konan deployment ${existing} as challenger model '${modelName}'.`
          : `Dry run: Konan deployment '${stage.deploymentName}' would be created from ${image.imageUrl}.`,
      );
      return existing ?? ''; // konanDeploy() names the deployment not created yet
    }
    if (existing) {
      core.info(`Adding ${image.imageUrl} (port ${image.exposedPort}) to Konan deployment ${existing} as challenger model '${modelName}'`);
      const created = await addModel(http, existing, modelName, image, 'challenger');
      Object.assign(stage, { modelId: created.model.uuid, modelName: created.model.name || modelName, modelState: created.model.state });
      showCreation(stage, created.errors, created.containerLogs);
    } else {
      core.info(`Creating Konan deployment '${stage.deploymentName}' from ${image.imageUrl} (port ${image.exposedPort})`);
      const created = await createDeployment(http, stage.deploymentName!, modelName, image);
      Object.assign(stage, {
        deploymentId: created.deploymentId,
        deploymentName: created.deploymentName,
        flow: created.flow,
        modelId: created.model.uuid,
        modelName: created.model.name || modelName,
        modelState: created.model.state,
      });
      if (created.flow === 'project')
        stage.messages.push(
          `This Konan server has projects (the deployment body answered 400: ${created.fallbackReason}): created project ${created.deploymentId} with the image as its live model.`,
        );
      showCreation(stage, created.errors, created.containerLogs);
    }
    if (stage.errors.length) {
      throw new Error(
        `Konan model '${stage.modelName}' (${stage.modelId}) was created with ${stage.errors.length} error(s): ${stage.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
      );
    }
    core.info(`Konan model '${stage.modelName}' (${stage.modelId}) is ${stage.modelState} in deployment ${stage.deploymentId}`);
    return stage.deploymentId!;
  });
}

/** One prediction with konan-smoke-input; a failing call fails the step. */
export async function smokePrediction(inputs: Inputs, result: RunResult, http: KonanHttp, deploymentId: string): Promise<void> {
  const stage = (result.stages.smoke = newStage<SmokeStage>({ deploymentId }));
  await inStage(stage, async () => {
    if (inputs['dry-run']) {
      stage.status = 'skipped';
      stage.messages.push('Dry run: the smoke prediction was not sent.');
      return;
    }
    core.info(`Smoke prediction on Konan deployment ${deploymentId}`);
    const prediction = await predict(http, deploymentId, inputs['konan-smoke-input']!).catch((error: Error) => {
      throw new Error(`Smoke prediction failed: ${error.message}`);
    });
    stage.predictionId = prediction.uuid;
    stage.output = prediction.output;
    core.info(`Smoke prediction ${prediction.uuid}: ${JSON.stringify(prediction.output).slice(0, 1000)}`);
  });
}

export async function konanDeploy(inputs: Inputs, result: RunResult): Promise<void> {
  const http = konanClient(inputs);
  let deploymentId = inputs['konan-deployment-id'];
  if (inputs['konan-image-url']) deploymentId = await createOrAdd(inputs, result, http);
  // In a dry run the deployment to create has no id yet: the smoke stage only says what it would do.
  if (inputs['konan-smoke-input']) await smokePrediction(inputs, result, http, deploymentId || '(the new deployment)');
}
