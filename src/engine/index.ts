/**
 * AllocLab's Unity-like engine: worlds, game objects, behaviours, coroutines, tags, pools,
 * queries and seeded random. Unity's vocabulary in TypeScript casing.
 */
export { World } from './World.ts';
export type { WorldOptions } from './World.ts';
export { WorldStats } from './WorldStats.ts';
export { Time } from './Time.ts';
export { GameObject } from './GameObject.ts';
export type { GameObjectOptions } from './GameObject.ts';
export { Transform } from './Transform.ts';
export { Vector2 } from './Vector2.ts';
export { Behaviour } from './Behaviour.ts';
export type { BehaviourConstructor } from './BehaviourType.ts';
export { Coroutine } from './Coroutine.ts';
export type { CoroutineRoutine, IEnumerator } from './Coroutine.ts';
export {
  YieldInstruction,
  WaitForSeconds,
  WaitForSecondsRealtime,
  WaitForEndOfFrame,
  WaitUntil,
  WaitWhile,
} from './YieldInstruction.ts';
export { Tags, TagHandle } from './Tags.ts';
export { ObjectPool } from './ObjectPool.ts';
export type { ObjectPoolOptions, PoolClock } from './ObjectPool.ts';
export { Random } from './Random.ts';
export { defaultErrorSink, formatErrorReport } from './EngineError.ts';
export type { EngineErrorReport, EngineErrorSink, EnginePhase } from './EngineError.ts';
export { ManualClock } from './ManualClock.ts';
export type { ManualClockOptions } from './ManualClock.ts';
export { hashText } from './hashText.ts';
