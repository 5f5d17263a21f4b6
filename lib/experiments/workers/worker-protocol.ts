/** The messages between an experiment's parent process and its worker children ({@link runOnChildPool}). */

/** Which handler runs a job in the child: a detection model's fit, or a line classifier's. */
export type WorkerJobKind = "detection" | "line-class";

/** Parent → child. */
export type WorkerRequest = { type: "context"; kind: WorkerJobKind; context: unknown } | { type: "job"; kind: WorkerJobKind; job: unknown };

/** Child → parent: the job's value, or its error message. */
export type WorkerReply = { value: unknown } | { error: string };

/** Runs one kind of job in a child; `prepare` turns the context message into what every job of the kind reuses. */
export interface WorkerJobHandler<C, J, V> {
  prepare?(context: unknown): Promise<C>;
  run(job: J, context: C | undefined): Promise<V>;
}
