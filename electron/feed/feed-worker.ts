/**
 * Entry point of the feed worker thread (`worker_threads`): wires `parentPort` to a
 * {@link FeedWorkerHost}. Start it through `startFeedClient` (feed-client.ts): under tsx/vitest with
 * this .ts file's URL (a bootstrap registers tsx), in the Electron build with the bundled
 * `feed-worker.cjs` next to `main.cjs`.
 */
import { parentPort } from 'node:worker_threads';
import { FeedWorkerHost, type FeedHostPort } from './feed-worker-host';

if (parentPort === null) {
  throw new Error('feed-worker.ts must run in a worker thread');
}
new FeedWorkerHost(parentPort as unknown as FeedHostPort);
