import * as core from './actions/core.js';
import { run } from './main.js';
import { redactedMessage } from './redact.js';

run().catch((error: unknown) => core.setFailed(redactedMessage(error)));
