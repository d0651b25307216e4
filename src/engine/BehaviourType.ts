import { ProfilerMarker } from '../profiler/ProfilerMarker.ts';
import { Behaviour } from './Behaviour.ts';

/** A constructor of behaviours, as `addComponent` takes it. */
export type BehaviourConstructor<T extends Behaviour = Behaviour, A extends unknown[] = any[]> = new (...args: A) => T;

/**
 * What the engine knows about one behaviour class, worked out once, the first time the class is
 * added: its name, which of start/update/lateUpdate it overrides (the engine dispatches only to
 * those, so the empty base methods cost nothing), and, in deep-profile worlds, one marker per
 * method. Internal to the engine.
 */
export class BehaviourType {
  readonly ctor: Function;
  /** The class name, used in error reports and marker names. */
  readonly name: string;
  readonly hasStart: boolean;
  readonly hasUpdate: boolean;
  readonly hasLateUpdate: boolean;
  /** `${name}.start` etc.; created by `ensureMarkers`, the first time a deep-profile world sees the type. */
  startMarker: ProfilerMarker | null = null;
  updateMarker: ProfilerMarker | null = null;
  lateUpdateMarker: ProfilerMarker | null = null;

  constructor(ctor: Function) {
    const proto = ctor.prototype as Behaviour;
    const base = Behaviour.prototype;
    this.ctor = ctor;
    this.name = ctor.name === '' ? 'AnonymousBehaviour' : ctor.name;
    this.hasStart = proto.start !== base.start;
    this.hasUpdate = proto.update !== base.update;
    this.hasLateUpdate = proto.lateUpdate !== base.lateUpdate;
  }

  /** Creates the per-method markers once (outside the frame loop). */
  ensureMarkers(): void {
    if (this.updateMarker !== null) return;
    this.startMarker = new ProfilerMarker(this.name + '.start');
    this.updateMarker = new ProfilerMarker(this.name + '.update');
    this.lateUpdateMarker = new ProfilerMarker(this.name + '.lateUpdate');
  }
}

const types = new Map<Function, BehaviourType>();

/** The type record of a behaviour class, created the first time the class is seen. */
export function behaviourTypeOf(ctor: Function): BehaviourType {
  let type = types.get(ctor);
  if (type === undefined) {
    type = new BehaviourType(ctor);
    types.set(ctor, type);
  }
  return type;
}
