/**
 * The overview's grid (DESIGN.md §9): one cell per Kubernetes node, groups (zone, subnet) as
 * blocks packed in shelves, and the column count chosen so the whole grid fits the canvas's
 * aspect at the largest zoom — never one long row. Pure and deterministic: the same groups and
 * aspect give the same positions, so selecting or expanding never moves a tile.
 */
export const TILE_W = 250;
export const TILE_H = 130;
const GAP = 22;
const CELL_W = TILE_W + GAP;
const CELL_H = TILE_H + GAP;
/** Space inside a group's frame: padding and the title above its first row. */
const PAD = 22;
const HEAD = 10;
const BLOCK_GAP = 70;

export interface GridBlock {
  readonly key: string;
  readonly count: number;
  /** Starts a new shelf (the Services under the nodes). */
  readonly newShelf?: boolean;
}

export interface PlacedBlock {
  readonly key: string;
  /** Frame of the block (centre and size). */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Centres of its cells, in order. */
  readonly cells: readonly { readonly x: number; readonly y: number }[];
}

export interface Grid {
  readonly blocks: readonly PlacedBlock[];
  readonly cols: number;
  readonly bounds: {
    readonly x1: number;
    readonly y1: number;
    readonly x2: number;
    readonly y2: number;
  };
}

interface Size {
  readonly cols: number;
  readonly rows: number;
  readonly w: number;
  readonly h: number;
}

const blockSize = (count: number, maxCols: number): Size => {
  const cols = Math.max(1, Math.min(count, maxCols));
  const rows = Math.max(1, Math.ceil(count / cols));
  return { cols, rows, w: cols * CELL_W - GAP + 2 * PAD, h: rows * CELL_H - GAP + 2 * PAD + HEAD };
};

/** Shelf packing: blocks left to right, a new shelf when the next would pass `maxW`. */
function pack(
  blocks: readonly GridBlock[],
  maxCols: number,
  withCells: boolean,
): { placed: PlacedBlock[]; w: number; h: number } {
  const maxW = maxCols * CELL_W - GAP + 2 * PAD;
  const placed: PlacedBlock[] = [];
  let x = 0;
  let y = 0;
  let shelfH = 0;
  let width = 0;
  for (const b of blocks) {
    const s = blockSize(b.count, maxCols);
    if (x > 0 && (x + s.w > maxW || b.newShelf)) {
      x = 0;
      y += shelfH + BLOCK_GAP;
      shelfH = 0;
    }
    const cells = Array.from({ length: withCells ? b.count : 0 }, (_, i) => ({
      x: x + PAD + (i % s.cols) * CELL_W + TILE_W / 2,
      y: y + PAD + HEAD + Math.floor(i / s.cols) * CELL_H + TILE_H / 2,
    }));
    placed.push({ key: b.key, x: x + s.w / 2, y: y + s.h / 2, w: s.w, h: s.h, cells });
    x += s.w + BLOCK_GAP;
    width = Math.max(width, x - BLOCK_GAP);
    shelfH = Math.max(shelfH, s.h);
  }
  return { placed, w: width, h: y + shelfH };
}

/**
 * Places the blocks for a canvas of this aspect (width ÷ height): tries every column count and
 * keeps the one at which the packed grid can be shown largest.
 */
export function gridLayout(blocks: readonly GridBlock[], aspect: number): Grid {
  const total = blocks.reduce((n, b) => n + b.count, 0);
  const a = Number.isFinite(aspect) && aspect > 0 ? aspect : 1;
  let best = { cols: 1, scale: 0 };
  for (let cols = 1; cols <= Math.max(1, total); cols++) {
    const packed = pack(blocks, cols, false);
    // The zoom at which it fits a canvas of height 1 and width `a`.
    const scale = Math.min(a / Math.max(packed.w, 1), 1 / Math.max(packed.h, 1));
    if (scale > best.scale * 1.0001) best = { cols, scale };
  }
  const packed = pack(blocks, best.cols, true);
  return {
    blocks: packed.placed,
    cols: best.cols,
    bounds: { x1: 0, y1: 0, x2: packed.w, y2: packed.h },
  };
}
