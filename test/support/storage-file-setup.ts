// Runs before each file of the `storage` project. The project is not isolated (vitest.config.ts):
// its files share a worker and the app's modules, each file with its own database. So each file
// starts from the module state a fresh process would have: no framework compiled from another
// file's database, its own local outbox folder, the system clock, passwords hashed at the production
// cost, and no mock, stubbed variable or fake timer left over.
import { afterAll, vi } from 'vitest';
import { forgetProcessOutboxDir } from '../../src/adapters/outbox-file.ts';
import { cheapPasswordHashingForTests } from '../../src/services/identity/passwords.ts';
import { setClock, systemClock } from '../../src/services/clock.ts';
import { forgetStoredFrameworks } from '../../src/services/frameworks.ts';
import { forgetStoredSfoFrameworks } from '../../src/services/sfo/frameworks.ts';

const fresh = () => {
  forgetStoredFrameworks();
  forgetStoredSfoFrameworks();
  forgetProcessOutboxDir();
  setClock(systemClock);
  cheapPasswordHashingForTests()(); // its undo: the production cost, whatever the last file left
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
};

// Now, before the file is imported (it may set things up as it loads: pinClock), and after it.
fresh();
afterAll(fresh);
