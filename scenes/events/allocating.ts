/**
 * Events, allocating variant: every pulse is a new event object, queued in a plain array and
 * handed to the listeners in a new array; every frame's report goes to a validator as a chain of
 * deferreds (`request(report).then(validate).done(credit)`) that lives until the answer comes,
 * LATENCY frames later. The queue is bounded as in the optimized variant (same drop policy), so
 * both variants do the same work: only the garbage differs.
 */
import { Behaviour, type SceneInstance, type Sprite, type World } from '../../src/index.ts';
import { Deferred } from './deferred.ts';
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

/** The pulses of one frame, as sent to the validator. */
class FrameReport {
  frame = 0;
  red = 0;
  blue = 0;
  refused = 0;
}

/** Carries pulses from emitters to listeners: a bounded FIFO that drops the newest pulse when full. */
class PulseBus implements PulseSink {
  private queue: PulseEvent[] = [];
  dropped = 0;
  droppedThisFrame = false;

  emit(source: number, team: number, strength: number, frame: number): void {
    if (this.queue.length >= QUEUE_CAPACITY) {
      this.dropped++;
      this.droppedThisFrame = true;
      return;
    }
    // ALLOC: a new event object per pulse; it waits in the queue (frames, after a salvo) and goes to the listeners.
    const e = new PulseEvent();
    e.source = source;
    e.team = team;
    e.strength = strength;
    e.frame = frame;
    this.queue.push(e);
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Hands the listeners up to `demand` pulses, oldest first. */
  deliver(listeners: Listeners, demand: number): void {
    // ALLOC: splice returns the delivered pulses in a new array.
    const batch = this.queue.splice(0, Math.min(demand, this.queue.length));
    for (let i = 0; i < batch.length; i++) listeners.onPulse(batch[i]!);
  }
}

/** A pending validation: the report and the deferred the answer resolves. */
interface PendingAnswer {
  due: number;
  report: FrameReport;
  answer: Deferred<FrameReport>;
}

/** The remote validator, simulated: it answers each report LATENCY frames after it was sent. */
class Validator extends Behaviour {
  private pending: PendingAnswer[] = [];

  request(report: FrameReport): Deferred<FrameReport> {
    // ALLOC: a deferred and a pending record per report, held for LATENCY frames.
    const answer = new Deferred<FrameReport>();
    this.pending.push({ due: report.frame + LATENCY, report, answer });
    return answer;
  }

  override update(): void {
    const frame = this.world.time.frameCount;
    while (this.pending.length > 0 && this.pending[0]!.due <= frame) {
      const p = this.pending.shift()!;
      p.answer.resolve(p.report); // runs the chain's callbacks now, inside the frame
    }
  }
}

/** The validator's rule, as a step of the chain: a new, checked report. */
function checkReport(report: FrameReport): FrameReport {
  const checked = new FrameReport();
  checked.frame = report.frame;
  checked.red = validatePoints(report.red);
  checked.blue = validatePoints(report.blue);
  checked.refused = report.red - checked.red + (report.blue - checked.blue);
  return checked;
}

/** Delivers pulses to the listeners and reports each frame's points for validation. */
class Dispatcher extends Behaviour {
  readonly bus = new PulseBus();
  listeners: Listeners | null = null;
  ledger = new Ledger();
  bar: Sprite | null = null;
  validator: Validator | null = null;

  override lateUpdate(): void {
    const listeners = this.listeners!;
    listeners.resetFrame();
    this.bus.deliver(listeners, DEMAND_PER_FRAME);
    this.sendReport(this.world.time.frameCount, listeners.frameRed, listeners.frameBlue);
    showQueue(this.bar!, this.bus.queued, this.bus.droppedThisFrame);
    this.bus.droppedThisFrame = false;
  }

  sendReport(frame: number, red: number, blue: number): void {
    // ALLOC: a report, then a chain: the request's deferred, then() makes a closure and a second
    // deferred, done() a closure over this; all held until the answer, LATENCY frames later.
    const report = new FrameReport();
    report.frame = frame;
    report.red = red;
    report.blue = blue;
    this.validator!.request(report)
      .then(checkReport)
      .done((checked) => this.ledger.credit(checked.red, checked.blue, checked.refused));
  }
}

/** Builds `size` emitters, the bus, the listeners and the deferred-based validation. */
export function setupAllocating(world: World, size: number): SceneInstance {
  const field = world.createGameObject('emitters').addComponent(EmitterField, size);
  const dispatcher = world.createGameObject('dispatcher').addComponent(Dispatcher);
  dispatcher.listeners = new Listeners(field);
  dispatcher.bar = createQueueBar(world);
  dispatcher.validator = world.createGameObject('validator').addComponent(Validator);
  field.sink = dispatcher.bus;
  return { digest: () => formatDigest(field, dispatcher.listeners!, dispatcher.ledger, dispatcher.bus.queued, dispatcher.bus.dropped) };
}
