// A mutating call (upload, promote, create) that failed without telling whether the server acted is
// never sent again (a second release could follow); instead the message says what may exist and
// how to check, before anyone runs the step again.
import { mayHaveActed } from '../http/request.js';
import { errorMessage } from '../result.js';

class MayHaveActedError extends Error {}

/** Runs `call`; an ambiguous failure comes back with `whatMayExist` and `howToCheck` added to its message. */
export async function explainingAmbiguity<T>(call: () => Promise<T>, whatMayExist: string, howToCheck: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!mayHaveActed(error)) throw error;
    throw new MayHaveActedError(`${errorMessage(error)}. It is not known whether the server acted: ${whatMayExist} may exist. ${howToCheck}`, { cause: error });
  }
}
