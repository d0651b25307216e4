/** Where an engine-called method threw: the lifecycle method or 'coroutine'. */
export type EnginePhase = 'awake' | 'onEnable' | 'start' | 'update' | 'lateUpdate' | 'coroutine' | 'onDisable' | 'onDestroy';

/**
 * An exception thrown by a behaviour's method or coroutine, caught by the engine. The frame goes
 * on for every other behaviour, as in Unity; a failing coroutine stops, its behaviour does not.
 */
export interface EngineErrorReport {
  /** The game object's name. */
  objectName: string;
  /** The behaviour's class name. */
  behaviourType: string;
  /** The method (or 'coroutine') that threw. */
  phase: EnginePhase;
  /** What was thrown. */
  error: unknown;
  /** `time.frameCount` when it was thrown (0 before the first frame). */
  frame: number;
}

/** Receives every caught exception. Give one to `new World({ errorSink })`. */
export type EngineErrorSink = (report: EngineErrorReport) => void;

/** One line describing a report: object, type, phase and message. */
export function formatErrorReport(report: EngineErrorReport): string {
  const error = report.error;
  const message = error instanceof Error ? error.name + ': ' + error.message : String(error);
  return report.behaviourType + ' on "' + report.objectName + '" threw in ' + report.phase + ' (frame ' + report.frame + '): ' + message;
}

/** The host's console, the one thing of a host the engine uses: it compiles with neither DOM nor Node types. */
const hostConsole = (globalThis as { console?: { error(message: string): void } }).console;

/** The sink used when none is given: one `console.error` line per exception. */
export function defaultErrorSink(report: EngineErrorReport): void {
  hostConsole?.error('AllocLab: ' + formatErrorReport(report));
}
