// Metrics over the window of konan-evaluate-window (ending now) or konan-evaluate-start/-end, after
// feedback (or alone in a feedback run without a file).
import * as core from '../actions/core.js';
import type { Inputs } from '../inputs.js';
import { evaluate } from '../konan/evaluate.js';
import { resolveWindow, withOffset } from '../konan/time.js';
import { type EvaluateStage, inStage, newStage, type RunResult } from '../result.js';
import { konanClient } from './konan-client.js';

export async function evaluateMetrics(inputs: Inputs, result: RunResult): Promise<void> {
  const deploymentId = inputs['konan-deployment-id']!;
  const stage = (result.stages.evaluate = newStage<EvaluateStage>({ deploymentId }));
  await inStage(stage, async () => {
    const window = resolveWindow({ window: inputs['konan-evaluate-window'], start: inputs['konan-evaluate-start'], end: inputs['konan-evaluate-end'] })!;
    [stage.start, stage.end] = [withOffset(window.start), withOffset(window.end)];
    if (inputs['dry-run']) {
      stage.status = 'skipped';
      stage.messages.push(`Dry run: metrics from ${stage.start} to ${stage.end} were not evaluated.`);
      return;
    }
    core.info(`Evaluating Konan deployment ${deploymentId} from ${stage.start} to ${stage.end}`);
    const metrics = (stage.metrics = await evaluate(konanClient(inputs), deploymentId, window));
    core.info(
      `Konan metrics: ${
        metrics.length
          ? metrics
              .map((m) => `${m.name}=${JSON.stringify(m.value)}`)
              .join(', ')
              .slice(0, 2000)
          : 'none (no predictions with feedback in the window?)'
      }`,
    );
  });
}
