/**
 * Long tasks' progress (master download and indexing, history loading) for the `tasks.progress`
 * stream: each task's latest state is kept; a new subscriber gets every task's latest state, then
 * every change.
 *
 * Source: issue 5 ("Every long task shows progress"); shared/ipc/contract.ts `TaskProgress`.
 */
import type { TaskProgress } from '../../../shared/ipc/contract';

/** Finished tasks kept for late subscribers (the oldest are dropped beyond this). */
const KEEP_FINISHED = 20;

/** The board of tasks. */
export class TaskBoard {
  private readonly tasks = new Map<string, TaskProgress>();
  private readonly listeners = new Set<(t: TaskProgress) => void>();

  /** Records a task's new state and tells every subscriber. */
  report(task: TaskProgress): void {
    this.tasks.delete(task.id);
    this.tasks.set(task.id, task);
    if (task.state !== 'running') {
      const finished = [...this.tasks.values()].filter((t) => t.state !== 'running');
      for (const t of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.tasks.delete(t.id);
    }
    for (const l of [...this.listeners]) l(task);
  }

  /** Latest state of one task, or undefined. */
  get(id: string): TaskProgress | undefined {
    return this.tasks.get(id);
  }

  /** Emits every task's latest state now, then each change. Returns the disposer. */
  subscribe(emit: (t: TaskProgress) => void): () => void {
    for (const t of this.tasks.values()) emit(t);
    this.listeners.add(emit);
    return () => void this.listeners.delete(emit);
  }
}
