// boxing, optimized variant: temperatures and running averages in Float64Array columns indexed by
// sensor, so doubles are stored as raw 8-byte values. 0 B per frame.
import type { SceneInstance, World } from '../../src/index.ts';
import { AVERAGE_WEIGHT, heatColor, nextTemperature, SensorBase, SensorGrid } from './shared.ts';

/** Where the readings live: one column per quantity, one row per sensor. */
class Readings {
  // FIX: a typed array stores raw doubles in its own buffer: nothing to box.
  readonly temperature: Float64Array;
  // FIX: the average is a column too, indexed by the sensor's index instead of its name.
  readonly average: Float64Array;

  constructor(count: number) {
    this.temperature = new Float64Array(count);
    this.average = new Float64Array(count);
  }
}

/** Reads its neighbours, heats or cools, and stores its reading. */
class Sensor extends SensorBase {
  readings: Readings | null = null;

  override update(): void {
    const dt = this.world.time.deltaTime;
    const roll = this.world.random.next();
    const temps = this.readings!.temperature;
    const sum = temps[this.left]! + temps[this.right]! + temps[this.up]! + temps[this.down]!;
    const t = nextTemperature(temps[this.index]!, sum, roll, dt);
    // FIX: both stores write 8 bytes into the columns' existing buffers.
    temps[this.index] = t;
    const average = this.readings!.average;
    const previous = average[this.index]!;
    average[this.index] = previous + (t - previous) * AVERAGE_WEIGHT;
    this.sprite!.color = heatColor(t);
  }

  override temperature(): number {
    return this.readings!.temperature[this.index]!;
  }

  override average(): number {
    return this.readings!.average[this.index]!;
  }
}

/** Sets up the optimized variant: `size` sensors. */
export function setupOptimized(world: World, size: number): SceneInstance {
  const readings = new Readings(size);
  return new SensorGrid(world, size, Sensor, (sensor, t) => {
    (sensor as Sensor).readings = readings;
    readings.temperature[sensor.index] = t;
    readings.average[sensor.index] = t;
  });
}
