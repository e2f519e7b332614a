/**
 * The instrument search worker (a dedicated Web Worker, module type): builds the search index off
 * the UI thread from the packed master sent once, then answers one query per keystroke. All the
 * logic is in shared/search/worker-handler.ts; this file only wires it to the worker's scope.
 * Messages: shared/search/worker-protocol.ts. Started by `startSearchWorker` (search-client.ts).
 */
import { createSearchWorkerHandler } from '../../../shared/search/worker-handler';
import type { SearchWorkerResponse } from '../../../shared/search/worker-protocol';

/** The parts of a DedicatedWorkerGlobalScope used here (the renderer's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: SearchWorkerResponse): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const handler = createSearchWorkerHandler({
  post: (message) => scope.postMessage(message),
  now: () => performance.now(),
});
scope.onmessage = (event) => handler.handle(event.data);
