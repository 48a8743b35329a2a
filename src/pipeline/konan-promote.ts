// command: konan-promote. Switch konan-model-id (default: the newest challenger) live; the model live
// until now becomes a challenger. Both models' states are read before and after the switch.
import * as core from '../actions/core.js';
import type { Inputs } from '../inputs.js';
import { listModels, type ModelInfo, newestFirst, switchLive } from '../konan/models.js';
import { inStage, type KonanModelChange, type KonanPromoteStage, newStage, type RunResult } from '../result.js';
import { konanClient } from './konan-client.js';

const describe = (m: ModelInfo) => `'${m.name}' (${m.uuid}, ${m.state})`;
const listed = (models: ModelInfo[]) => (models.length ? models.map(describe).join(', ') : 'none');

/** The model to make live, or an error saying why there is none. */
export function pickModel(models: ModelInfo[], deploymentId: string, wanted?: string): ModelInfo {
  if (wanted) {
    const found = models.find((m) => m.uuid.toLowerCase() === wanted.toLowerCase());
    if (!found) throw new Error(`Input 'konan-model-id' is '${wanted}': no such model in Konan deployment ${deploymentId} (its models: ${listed(models)})`);
    if (found.state === 'live') throw new Error(`Konan model ${describe(found)} is already live in deployment ${deploymentId}: nothing to promote`);
    return found;
  }
  const challenger = newestFirst(models).find((m) => m.state === 'challenger');
  if (!challenger)
    throw new Error(`Konan deployment ${deploymentId} has no challenger model to promote (its models: ${listed(models)}); add one with command 'konan-deploy'`);
  return challenger;
}

export async function konanPromote(inputs: Inputs, result: RunResult): Promise<void> {
  const deploymentId = inputs['konan-deployment-id']!;
  const stage = (result.stages.konanPromote = newStage<KonanPromoteStage>({ deploymentId }));
  await inStage(stage, async () => {
    const http = konanClient(inputs);
    const before = await listModels(http, deploymentId);
    const target = pickModel(before, deploymentId, inputs['konan-model-id']);
    const live = before.find((m) => m.state === 'live');
    const change = (m: ModelInfo): KonanModelChange => ({ uuid: m.uuid, name: m.name, before: m.state });
    stage.promoted = change(target);
    if (live) stage.demoted = change(live);
    if (inputs['dry-run']) {
      stage.status = 'skipped';
      stage.messages.push(`Dry run: Konan model ${describe(target)} would be switched live${live ? `, ${describe(live)} would become a challenger` : ''}.`);
      return;
    }
    core.info(`Switching Konan model ${describe(target)} live${live ? `; ${describe(live)} becomes a challenger` : ''}`);
    await switchLive(http, deploymentId, target.uuid);
    const after = await listModels(http, deploymentId);
    const stateAfter = (uuid: string) => after.find((m) => m.uuid === uuid)?.state ?? 'gone';
    stage.promoted.after = stateAfter(target.uuid);
    if (stage.demoted) stage.demoted.after = stateAfter(stage.demoted.uuid);
    if (stage.promoted.after !== 'live') throw new Error(`Konan accepted the switch, but model ${describe(target)} is now '${stage.promoted.after}', not live`);
    core.info(
      `Konan model '${target.name}' is live in deployment ${deploymentId}${stage.demoted ? `; '${stage.demoted.name}' is now ${stage.demoted.after}` : ''}`,
    );
  });
}
