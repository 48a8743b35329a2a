// `command: provision`: make sure a Computer and a WebApp exist by name, creating only what is
// missing and following each creation Job, so a second run with the same inputs changes nothing.
import * as core from '../actions/core.js';
import { sleep } from '../http/request.js';
import { createComputer, findComputer, getComputer } from '../konigle/computers.js';
import { type Computer, spaceUrl, type WebApp } from '../konigle/models.js';
import { listWebAppSpaces } from '../konigle/spaces.js';
import { createWebApp, findWebApp } from '../konigle/webapps.js';
import { formatDuration } from '../units.js';
import { inStage, newStage, type ProvisionStage } from '../result.js';
import type { PipelineContext } from './context.js';
import { follow } from './follow.js';
import { nextPollInterval } from './poll-schedule.js';

export async function provision(ctx: PipelineContext): Promise<void> {
  const stage = (ctx.result.stages.provision = newStage<ProvisionStage>({ logTail: [] }));
  await inStage(stage, async () => {
    const computer = await ensureComputer(ctx, stage);
    const webapp = await ensureWebApp(ctx, stage, computer);
    if (webapp) await readSpaces(ctx, stage, webapp);
    if (ctx.inputs['dry-run'] && (!computer || !webapp)) stage.status = 'skipped';
  });
}

/**
 * The one place provisioning follows a Job, so swapping the poller for another touches only this.
 * Fills the stage's Job fields (the comment shows the log of the Job that failed).
 */
async function followJob(ctx: PipelineContext, stage: ProvisionStage, jobId: string, what: string): Promise<void> {
  Object.assign(stage, { jobId, jobStatus: undefined, logTail: [] });
  const { inputs, konigle } = ctx;
  try {
    await follow(konigle, stage, { timeoutMs: inputs['wait-timeout'], pollIntervalMs: inputs['poll-interval'], what, signal: ctx.signal });
  } catch (error) {
    if (stage.status === 'timed_out') {
      (error as Error).message += ` Running 'command: provision' again later picks up what exists by then.`;
    }
    throw error;
  }
}

function noteComputer(stage: ProvisionStage, computer: Computer, created: boolean, jobId?: string): void {
  const { id, name, status, size, region } = computer;
  stage.computer = { id, name, status, size, region, publicIp: computer.public_ip ?? undefined, created, jobId: jobId ?? stage.computer?.jobId };
}

function warnOf(stage: ProvisionStage, message: string): void {
  stage.messages.push(message);
  core.warning(message);
}

async function ensureComputer(ctx: PipelineContext, stage: ProvisionStage): Promise<Computer | undefined> {
  const { inputs, konigle } = ctx;
  const name = inputs['computer-name']!;
  const size = inputs['computer-size']!;
  const region = inputs['computer-region']!;
  const existing = await findComputer(konigle, name);
  if (existing) {
    core.info(`Computer '${name}' exists: ${existing.id}, ${existing.status}, size ${existing.size}, region ${existing.region}`);
    noteComputer(stage, existing, false);
    if (existing.size !== size || existing.region !== region) {
      warnOf(
        stage,
        `Computer '${name}' is size ${existing.size} in ${existing.region}, not ${size} in ${region} as the inputs say: it is used as it is (provision never resizes or moves a Computer).`,
      );
    }
    return checkReady(stage, await settle(ctx, stage, existing));
  }
  if (inputs['dry-run']) {
    stage.messages.push(`Dry run: Computer '${name}' (size ${size}, region ${region}) does not exist and would be created.`);
    return undefined;
  }
  core.info(`Creating Computer '${name}' (size ${size}, region ${region})…`);
  const { computer, jobId } = await createComputer(konigle, { name, display_name: inputs['computer-display-name'] ?? name, size, region });
  noteComputer(stage, computer, true, jobId);
  core.info(`Computer ${computer.id} created; provisioning Job ${jobId}`);
  if (computer.name !== name) {
    warnOf(
      stage,
      `Konigle named the new Computer '${computer.name}', not '${name}': a later run looks for '${name}' and would create another one, so set computer-name to '${computer.name}'.`,
    );
  }
  try {
    await followJob(ctx, stage, jobId, `Provisioning of Computer '${name}':`);
  } catch (error) {
    // Report the state the failure left behind (usually `error`), as far as it can be read.
    await getComputer(konigle, computer.id).then(
      (c) => noteComputer(stage, c, true),
      () => undefined,
    );
    throw error;
  }
  return checkReady(stage, await settle(ctx, stage, await getComputer(konigle, computer.id)));
}

/**
 * Something still `provisioning` whose Job we do not know (an earlier run stopped waiting, or the
 * server lags behind its Job): read it again until it is not, backing off like a Job poll, within wait-timeout.
 */
async function untilProvisioned<T>(
  ctx: PipelineContext,
  stage: ProvisionStage,
  what: string,
  first: T,
  provisioning: (value: T) => boolean,
  read: () => Promise<T>,
): Promise<T> {
  const { inputs } = ctx;
  const deadline = Date.now() + inputs['wait-timeout'];
  let interval = inputs['poll-interval'];
  let value = first;
  while (provisioning(value)) {
    const left = deadline - Date.now();
    if (left <= 0) {
      stage.status = 'timed_out';
      throw new Error(
        `${what} was still provisioning after wait-timeout (${formatDuration(inputs['wait-timeout'])}). Run 'command: provision' again later: it picks up what exists by then.`,
      );
    }
    core.info(`${what} is provisioning; checking again in ${formatDuration(Math.min(interval, left))}`);
    await sleep(Math.min(interval, left), ctx.signal);
    interval = nextPollInterval(interval, ctx.inputs['poll-interval']);
    value = await read();
  }
  return value;
}

function settle(ctx: PipelineContext, stage: ProvisionStage, computer: Computer): Promise<Computer> {
  return untilProvisioned(
    ctx,
    stage,
    `Computer '${computer.name}' (${computer.id})`,
    computer,
    (c) => c.status === 'provisioning',
    async () => {
      const read = await getComputer(ctx.konigle, computer.id);
      noteComputer(stage, read, stage.computer?.created ?? false);
      return read;
    },
  );
}

function checkReady(stage: ProvisionStage, computer: Computer): Computer {
  noteComputer(stage, computer, stage.computer?.created ?? false);
  if (computer.status === 'ready') return computer;
  const why =
    computer.status === 'error'
      ? 'its provisioning failed; see its Job log in Konigle, then delete it or pick another computer-name'
      : computer.status.startsWith('destroy')
        ? 'it is being destroyed; pick another computer-name, or run again once it is gone'
        : 'a WebApp can only be created on a ready Computer';
  throw new Error(`Computer '${computer.name}' (${computer.id}) is ${computer.status}: ${why}.`);
}

async function ensureWebApp(ctx: PipelineContext, stage: ProvisionStage, computer: Computer | undefined): Promise<WebApp | undefined> {
  const { inputs, konigle } = ctx;
  const name = inputs['webapp-name']!;
  const runtime = inputs.runtime!;
  const existing = await findWebApp(konigle, name);
  if (existing) {
    core.info(`WebApp '${name}' exists: ${existing.id}, runtime ${existing.runtime}`);
    stage.webapp = { id: existing.id, name, runtime: existing.runtime, created: false };
    if (computer && existing.computer && existing.computer !== computer.id) {
      warnOf(stage, `WebApp '${name}' runs on Computer ${existing.computer}, not on '${computer.name}' (${computer.id}): it is left where it is.`);
    }
    if (existing.runtime !== runtime) warnOf(stage, `WebApp '${name}' has runtime ${existing.runtime}, not ${runtime} as the inputs say: it is used as it is.`);
    return existing;
  }
  if (inputs['dry-run'] || !computer) {
    stage.messages.push(`Dry run: WebApp '${name}' (${runtime}) does not exist and would be created on Computer '${inputs['computer-name']}'.`);
    return undefined;
  }
  core.info(`Creating WebApp '${name}' (${runtime}, ${inputs['web-server']}) on Computer ${computer.id}…`);
  const { webapp, jobId } = await createWebApp(konigle, {
    computer_id: computer.id,
    name,
    runtime,
    web_server: inputs['web-server'],
    database: inputs.database,
    cache: inputs.cache,
  });
  stage.webapp = { id: webapp.id, name: webapp.name, runtime: webapp.runtime, created: true, jobId };
  core.info(`WebApp ${webapp.id} created; provisioning Job ${jobId}`);
  await followJob(ctx, stage, jobId, `Provisioning of WebApp '${name}':`);
  return webapp;
}

/** The WebApp's uat and production Spaces, once neither is provisioning any more; one in `error` fails the step. */
async function readSpaces(ctx: PipelineContext, stage: ProvisionStage, webapp: WebApp): Promise<void> {
  const list = () => listWebAppSpaces(ctx.konigle, webapp.id);
  const spaces = await untilProvisioned(
    ctx,
    stage,
    `A Space of WebApp '${webapp.name}'`,
    await list(),
    (all) => all.some((s) => s.status === 'provisioning'),
    list,
  );
  const uat = spaces.find((s) => s.space_type === 'uat');
  const production = spaces.find((s) => s.space_type === 'production');
  stage.uatSpaceId = uat?.id;
  stage.productionSpaceId = production?.id;
  stage.url = uat && spaceUrl(uat);
  stage.productionUrl = production && spaceUrl(production);
  const missing = [uat ? '' : 'uat', production ? '' : 'production'].filter(Boolean);
  if (missing.length) {
    throw new Error(`WebApp '${webapp.name}' (${webapp.id}) has no ${missing.join(' or ')} Space, though creating a WebApp creates both: check it in Konigle.`);
  }
  const broken = spaces.filter((s) => s.status === 'error');
  if (broken.length) {
    throw new Error(
      `WebApp '${webapp.name}' (${webapp.id}): its ${broken.map((s) => `${s.space_type} Space ${s.id}`).join(' and ')} ${broken.length > 1 ? 'are' : 'is'} in error: check it in Konigle before deploying.`,
    );
  }
  core.info(`WebApp '${webapp.name}': uat Space ${uat!.id}, production Space ${production!.id}`);
}
