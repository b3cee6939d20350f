import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';

// Passed explicitly to every pkijs call rather than installed with pkijs.setEngine(): the global
// engine is process-wide state that any other module using pkijs could replace under us.
export const cryptoEngine = new pkijs.CryptoEngine({
  name: 'node',
  crypto: webcrypto as unknown as Crypto,
});
