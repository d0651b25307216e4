/**
 * FNV-1a of a string, as 8 hex digits: a short state digest of a long state dump. Scenes use it so
 * that their variants can be compared by digest (called after the frames, never in one).
 */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
