declare module 'vitest' {
  interface Matchers<R, T> {
    /**
     * The run's leak pass (`profileScene(..., { leaks: true })`) retained at most `bytes` per frame
     * with 95% confidence; fails, with or without `.not`, when its readings cannot decide.
     */
    toRetainAtMostPerFrame(bytes: number): R;
  }
}

export {};
