/**
 * Events, optimized variant: pulses are written into QUEUE_CAPACITY event objects made at setup
 * and used as a ring (a bounded buffer that drops the newest pulse when full, as a reactive stream
 * with a drop policy does); the listeners get the slots themselves. Each frame's report is two
 * numbers in a small ring, answered LATENCY frames later by one long-lived IEnumerator coroutine
 * (a plain state machine) instead of a chain of deferreds. A frame allocates 0 B.
 */
import { Behaviour, type IEnumerator, type SceneInstance, type Sprite, type World } from '../../src/index.ts';
import {
  DEMAND_PER_FRAME,
  EmitterField,
  LATENCY,
  Ledger,
  Listeners,
  PulseEvent,
  QUEUE_CAPACITY,
  createQueueBar,
  formatDigest,
  showQueue,
  validatePoints,
  type PulseSink,
} from './shared.ts';

/** Reports waiting for an answer: one slot per frame in flight. */
const REPORT_SLOTS = LATENCY + 1;

/** Carries pulses from emitters to listeners: a bounded FIFO that drops the newest pulse when full. */
class PulseBus implements PulseSink {
  // FIX: the event objects are made once and reused as a ring: head is the oldest, count how many wait.
  private readonly slots: PulseEvent[] = [];
  private head = 0;
  private count = 0;
  dropped = 0;
  droppedThisFrame = false;

  constructor() {
    for (let i = 0; i < QUEUE_CAPACITY; i++) this.slots.push(new PulseEvent());
  }

  emit(source: number, team: number, strength: number, frame: number): void {
    if (this.count >= QUEUE_CAPACITY) {
      this.dropped++;
      this.droppedThisFrame = true;
      return;
    }
    // FIX: the next free slot is overwritten in place.
    const e = this.slots[(this.head + this.count) % QUEUE_CAPACITY]!;
    e.source = source;
    e.team = team;
    e.strength = strength;
    e.frame = frame;
    this.count++;
  }

  get queued(): number {
    return this.count;
  }

  /** Hands the listeners up to `demand` pulses, oldest first. */
  deliver(listeners: Listeners, demand: number): void {
    // FIX: the slots go to the listeners one by one; moving head frees them, no batch array.
    let n = demand < this.count ? demand : this.count;
    while (n-- > 0) {
      listeners.onPulse(this.slots[this.head]!);
      this.head = (this.head + 1) % QUEUE_CAPACITY;
      this.count--;
    }
  }
}

/**
 * The remote validator, simulated, as one long-lived coroutine: each frame it answers the report
 * sent LATENCY frames earlier. A class with moveNext/current, so resuming it allocates nothing.
 */
class ValidationRoutine implements IEnumerator {
  current: unknown = null;
  readonly red = new Int32Array(REPORT_SLOTS);
  readonly blue = new Int32Array(REPORT_SLOTS);
  private readonly world: World;
  private readonly ledger: Ledger;

  constructor(world: World, ledger: Ledger) {
    this.world = world;
    this.ledger = ledger;
  }

  /** FIX: a report is two numbers written into the slot of its frame. */
  send(frame: number, red: number, blue: number): void {
    this.red[frame % REPORT_SLOTS] = red;
    this.blue[frame % REPORT_SLOTS] = blue;
  }

  moveNext(): boolean {
    const due = this.world.time.frameCount - LATENCY;
    if (due >= 1) {
      const slot = due % REPORT_SLOTS;
      const red = this.red[slot]!;
      const blue = this.blue[slot]!;
      const checkedRed = validatePoints(red);
      const checkedBlue = validatePoints(blue);
      this.ledger.credit(checkedRed, checkedBlue, red - checkedRed + (blue - checkedBlue));
    }
    return true; // runs for the scene's lifetime, resumed every frame (current = null)
  }
}

/** Delivers pulses to the listeners and reports each frame's points for validation. */
class Dispatcher extends Behaviour {
  readonly bus = new PulseBus();
  listeners: Listeners | null = null;
  ledger = new Ledger();
  bar: Sprite | null = null;
  validator: ValidationRoutine | null = null;

  override start(): void {
    this.validator = new ValidationRoutine(this.world, this.ledger);
    this.startCoroutine(this.validator);
  }

  override lateUpdate(): void {
    const listeners = this.listeners!;
    listeners.resetFrame();
    this.bus.deliver(listeners, DEMAND_PER_FRAME);
    this.sendReport(this.world.time.frameCount, listeners.frameRed, listeners.frameBlue);
    showQueue(this.bar!, this.bus.queued, this.bus.droppedThisFrame);
    this.bus.droppedThisFrame = false;
  }

  sendReport(frame: number, red: number, blue: number): void {
    // FIX: no chain: the numbers go into the routine's ring; it answers them in a later frame.
    this.validator!.send(frame, red, blue);
  }
}

/** Builds `size` emitters, the ring bus, the listeners and the coroutine-based validation. */
export function setupOptimized(world: World, size: number): SceneInstance {
  const field = world.createGameObject('emitters').addComponent(EmitterField, size);
  const dispatcher = world.createGameObject('dispatcher').addComponent(Dispatcher);
  dispatcher.listeners = new Listeners(field);
  dispatcher.bar = createQueueBar(world);
  field.sink = dispatcher.bus;
  return { digest: () => formatDigest(field, dispatcher.listeners!, dispatcher.ledger, dispatcher.bus.queued, dispatcher.bus.dropped) };
}
