// boxing, allocating variant: temperatures in a generic array and running averages in a
// Map<string, number>, so every double stored becomes a heap number. Diff it with optimized.ts.
import type { SceneInstance, World } from '../../src/index.ts';
import { AVERAGE_WEIGHT, heatColor, nextTemperature, SensorBase, SensorGrid } from './shared.ts';

/** Where the readings live: a slot per sensor, and a running average per sensor name. */
class Readings {
  // ALLOC: a generic array (it held nulls until the first readings came in, so its elements are
  // tagged values): storing a non-integer double into it allocates a 16 B heap number each time.
  readonly temperature: any[];
  // ALLOC: Map values are tagged too: every set() of a double boxes it.
  readonly average = new Map<string, number>();

  constructor(count: number) {
    this.temperature = new Array(count).fill(null);
  }
}

/** Reads its neighbours, heats or cools, and stores its reading. */
class Sensor extends SensorBase {
  readings: Readings | null = null;

  override update(): void {
    const dt = this.world.time.deltaTime;
    const roll = this.world.random.next();
    const temps = this.readings!.temperature;
    const sum = temps[this.left] + temps[this.right] + temps[this.up] + temps[this.down];
    const t = nextTemperature(temps[this.index], sum, roll, dt);
    // ALLOC: one heap number for the temperature, one for the average: 32 B per sensor per
    // frame, each kept by the array or the Map until the next frame replaces it.
    temps[this.index] = t;
    const average = this.readings!.average;
    const previous = average.get(this.name)!;
    average.set(this.name, previous + (t - previous) * AVERAGE_WEIGHT);
    this.sprite!.color = heatColor(t);
  }

  override temperature(): number {
    return this.readings!.temperature[this.index];
  }

  override average(): number {
    return this.readings!.average.get(this.name)!;
  }
}

/** Sets up the allocating variant: `size` sensors. */
export function setupAllocating(world: World, size: number): SceneInstance {
  const readings = new Readings(size);
  return new SensorGrid(world, size, Sensor, (sensor, t) => {
    (sensor as Sensor).readings = readings;
    readings.temperature[sensor.index] = t;
    readings.average.set(sensor.name, t);
  });
}
