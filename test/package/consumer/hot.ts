// Two functions of the user's game, for profileFrames and the allocation-site tests.
const ring: ({ x: number } | null)[] = new Array(16).fill(null);
const position = { x: 0 };
let n = 0;

/** Moves in place: allocates nothing. */
export function moveInPlace(): void {
  position.x = (position.x + 1) % 320;
}

/** Keeps a new object per call. */
export function keepNewObject(): void {
  ring[n++ & 15] = { x: n };
}
