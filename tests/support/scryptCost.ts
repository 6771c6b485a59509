import { setScryptCostForTests } from '../../electron/core/crypto/scrypt';

/**
 * Vitest setup (vitest.config.mts `setupFiles`): new passphrase hashes and sealed keys are made at
 * N=2^12 instead of the production 2^17, which costs about a second each here and would make the
 * suite, which creates many accounts, several minutes slower. Stored hashes keep their own cost
 * (the seed's are at 2^15) and are never re-hashed downwards. The tests of the production cost
 * (tests/core/services/passphraseThrottle.test.ts) set it back with `setScryptCostForTests(null)`.
 */
setScryptCostForTests(1 << 12);
