// What both boxing variants share: the sensor grid, its physics, the colours and the digest. Only
// where the temperatures and their running averages are stored differs between the variants.
import { Behaviour, Sprite, STAGE_HEIGHT, STAGE_WIDTH, type World } from '../../src/index.ts';

/** Sensors per row of the grid. */
const COLUMNS = 50;
const CELL = 20;
/** Room temperature every sensor cools toward, in degrees. */
export const AMBIENT = 20.5;
/** Heat exchange with the four neighbours and with the room, per second. */
const DIFFUSION = 1.5;
const COOLING = 0.3;
/** Chance per frame that a sensor gets a burst of heat, and its size in degrees. */
const SPIKE_CHANCE = 0.0008;
const SPIKE = 60;
/** Weight of the newest reading in a sensor's running average (exponential moving average). */
export const AVERAGE_WEIGHT = 0.05;

/**
 * The next temperature of a sensor from its own, its four neighbours' (their sum) and a random
 * draw in [0, 1). Both variants call it with the same numbers in the same order.
 */
export function nextTemperature(t: number, neighbourSum: number, roll: number, dt: number): number {
  const spike = roll < SPIKE_CHANCE ? SPIKE * (1 - roll / SPIKE_CHANCE) : 0;
  return t + (DIFFUSION * (neighbourSum - 4 * t) + COOLING * (AMBIENT - t)) * dt + spike;
}

/** A colour from cold blue to hot red for a temperature, as an integer 0xRRGGBB. */
export function heatColor(t: number): number {
  const k = Math.min(Math.max((t - AMBIENT) / 30, 0), 1);
  const red = (80 + 175 * k) | 0;
  const blue = (200 - 170 * k) | 0;
  return (red << 16) | (60 << 8) | blue;
}

/**
 * A sensor: its place in the grid, its name and its sprite. Each variant extends it with an
 * `update` that reads the neighbours, computes the next temperature and stores it, with the
 * running average, in the variant's own storage.
 */
export class SensorBase extends Behaviour {
  index = 0;
  /** Indices of the four neighbours (the grid wraps around). */
  left = 0;
  right = 0;
  up = 0;
  down = 0;
  name = '';
  sprite: Sprite | null = null;

  /** Temperature and running average now, for the digest. */
  temperature(): number {
    return 0;
  }

  average(): number {
    return 0;
  }
}

/** The state a variant builds: `count` sensors laid out in a grid, in update order. */
export class SensorGrid {
  readonly sensors: SensorBase[] = [];

  /** Creates the sensors of class `type`; `init(sensor, t)` stores each one's first temperature. */
  constructor(world: World, count: number, type: new () => SensorBase, init: (sensor: SensorBase, t: number) => void) {
    const rows = Math.ceil(count / COLUMNS);
    const x0 = (STAGE_WIDTH - Math.min(count, COLUMNS) * CELL) / 2;
    const y0 = Math.max((STAGE_HEIGHT - rows * CELL) / 2, 10);
    for (let i = 0; i < count; i++) {
      const go = world.createGameObject('sensor');
      go.transform.position.set(Math.round(x0 + (i % COLUMNS) * CELL), Math.round(y0 + Math.floor(i / COLUMNS) * CELL));
      const sensor = go.addComponent(type);
      sensor.index = i;
      sensor.left = (i + count - 1) % count;
      sensor.right = (i + 1) % count;
      sensor.up = (i + count - (COLUMNS % count)) % count;
      sensor.down = (i + COLUMNS) % count;
      sensor.name = 'sensor-' + i;
      const t = AMBIENT + world.random.range(-2, 10);
      sensor.sprite = go.addComponent(Sprite).set('rect', heatColor(t), CELL - 2);
      init(sensor, t);
      this.sensors.push(sensor);
    }
  }

  /** Every sensor's temperature and running average to 1e-6, and its colour. */
  digest(): string {
    const out: string[] = [];
    for (const s of this.sensors) out.push(s.temperature().toFixed(6) + '/' + s.average().toFixed(6) + '/' + s.sprite!.color);
    return out.join(',');
  }
}
