// Starts a TypeScript worker entry under tsx (development and tests only; the Electron build runs
// the bundled .cjs directly). Node 20 does not apply `--import tsx` from a Worker's execArgv to the
// worker's own entry, so this bootstrap registers tsx inside the worker and then imports the entry
// whose file URL is in workerData.tsxEntry. Used by feed-client.ts when the worker URL ends in .ts.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsxEntry);
