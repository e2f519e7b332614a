/**
 * The `tasks` slice: long tasks' progress from `tasks.progress` (master download and indexing,
 * history loading), shown in the status bar. A task that ends `done` leaves the list; a `failed` one
 * stays (with its detail) until dismissed, so a failure is never silent.
 *
 * Source: issue 5, "Every long task shows progress"; shared/ipc/contract.ts `TaskProgress`.
 */
import type { StateCreator } from 'zustand';
import type { TaskProgress } from '../../shared/ipc/contract';

/** The slice. */
export interface TasksSlice {
  /** Running and failed tasks by id, in the order they first appeared. */
  readonly tasks: Readonly<Record<string, TaskProgress>>;
  /** Records one progress event. */
  noteTask(task: TaskProgress): void;
  /** Forgets a (failed) task. */
  dismissTask(id: string): void;
}

/** Creates the slice for the combined store. */
export const createTasksSlice: StateCreator<TasksSlice, [], [], TasksSlice> = (set) => ({
  tasks: {},
  noteTask: (task) =>
    set((s) => {
      if (task.state === 'done') {
        if (!(task.id in s.tasks)) return s;
        const { [task.id]: _gone, ...rest } = s.tasks;
        return { tasks: rest };
      }
      return { tasks: { ...s.tasks, [task.id]: task } };
    }),
  dismissTask: (id) =>
    set((s) => {
      if (!(id in s.tasks)) return s;
      const { [id]: _gone, ...rest } = s.tasks;
      return { tasks: rest };
    }),
});
