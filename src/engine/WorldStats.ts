/**
 * Counters of the last frame, plain numbers reset at the start of each `tick`, for tests and
 * panels (reading them allocates nothing).
 */
export class WorldStats {
  /** update() calls made. */
  updateCalls = 0;
  /** lateUpdate() calls made. */
  lateUpdateCalls = 0;
  /** start() calls made. */
  startCalls = 0;
  /** Coroutine resumes of any kind (including a coroutine's first run when started). */
  coroutineResumes = 0;
  /**
   * Of those, resumes of generators: each allocates V8's `{ value, done }` result object (40 B in
   * Node 24). IEnumerator resumes allocate nothing.
   */
  generatorResumes = 0;
  /** Game objects destroyed at the end of the frame. */
  destroyedObjects = 0;
  /** Exceptions caught and reported to the error sink. */
  errors = 0;

  /** Zeroes the counters (called by the World at the start of each frame). */
  reset(): void {
    this.updateCalls = 0;
    this.lateUpdateCalls = 0;
    this.startCalls = 0;
    this.coroutineResumes = 0;
    this.generatorResumes = 0;
    this.destroyedObjects = 0;
    this.errors = 0;
  }
}
