/**
 * The drawing's font is monospace, so a label's width is its length times the advance of one
 * character (0.6em for DejaVu Sans Mono, Menlo, Consolas): deterministic, and no DOM needed.
 */
export const CHAR_EM = 0.6;
export const STATE_FONT = 12;
export const EDGE_FONT = 11;

export function textWidth(text: string, fontSize: number): number {
  return Math.ceil([...text].length * CHAR_EM * fontSize);
}
