/** What a long-running export or import reports while it works (the job's progress, 0–100). */
export interface ProgressReporter {
  progress(percent: number, message?: string): Promise<void> | void;
}

export const silentProgress: ProgressReporter = { progress: () => undefined };
