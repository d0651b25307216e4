// The user's own scene, written with the public API only.
import { Behaviour, defineScene, type World } from 'alloclab';

const kept: unknown[] = new Array(8).fill(null);

class Spawner extends Behaviour {
  allocate = false;
  count = 0;

  override update(): void {
    this.count++;
    // The allocating variant keeps a new object each frame (it escapes, so it is really allocated).
    if (this.allocate) kept[this.count & 7] = { frame: this.count };
  }
}

function setup(allocate: boolean) {
  return (world: World) => {
    const spawner = world.createGameObject('Spawner').addComponent(Spawner);
    spawner.allocate = allocate;
    return { digest: () => String(spawner.count) };
  };
}

export default defineScene({
  name: 'consumer-scene',
  description: "A scene of the consumer's own",
  size: { default: 1, min: 1, max: 1, unit: 'spawners' },
  variants: { allocating: setup(true), optimized: setup(false) },
});
