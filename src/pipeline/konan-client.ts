// The Konan client every Konan step uses, built from the inputs (API key preferred, else email/password).
import type { Inputs } from '../inputs.js';
import { KonanAuth, type KonanCredentials } from '../konan/auth.js';
import { KonanHttp } from '../konan/http.js';

export function konanCredentials(inputs: Inputs): KonanCredentials {
  return inputs['konan-api-key'] ? { apiKey: inputs['konan-api-key'] } : { email: inputs['konan-email']!, password: inputs['konan-password']! };
}

export function konanClient(inputs: Inputs): KonanHttp {
  return new KonanHttp({ apiUrl: inputs['konan-api-url'], auth: new KonanAuth({ authUrl: inputs['konan-auth-url'], credentials: konanCredentials(inputs) }) });
}
