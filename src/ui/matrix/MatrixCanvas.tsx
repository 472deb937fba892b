/** A large matrix drawn on a canvas (one pixel block per pair), with a hover read-out. */
import { useEffect, useRef, useState } from 'react';

export interface MatrixCanvasProps {
  readonly pods: readonly string[];
  readonly allowed: Uint8Array;
  readonly why: (src: string, dst: string) => string;
  readonly onOpen: (src: string, dst: string) => void;
}

export function MatrixCanvas({ pods, allowed, why, onOpen }: MatrixCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ i: number; j: number } | undefined>();
  const n = pods.length;
  const size = 360;
  const cell = size / n;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(n, n);
    for (let k = 0; k < n * n; k++) {
      const ok = allowed[k] === 1;
      img.data[k * 4] = ok ? 16 : 220;
      img.data[k * 4 + 1] = ok ? 185 : 38;
      img.data[k * 4 + 2] = ok ? 129 : 38;
      img.data[k * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [n, allowed]);
  const cellAt = (e: React.MouseEvent) => {
    const r = (e.target as HTMLCanvasElement).getBoundingClientRect();
    return {
      i: Math.min(n - 1, Math.floor((e.clientY - r.top) / cell)),
      j: Math.min(n - 1, Math.floor((e.clientX - r.left) / cell)),
    };
  };
  const h = hover && { src: pods[hover.i] ?? '', dst: pods[hover.j] ?? '' };
  return (
    <div className="p-3" data-testid="matrix.canvas">
      <canvas
        ref={ref}
        width={n}
        height={n}
        style={{ width: size, height: size, imageRendering: 'pixelated' }}
        className="cursor-crosshair rounded border border-slate-300 dark:border-slate-600"
        onMouseMove={(e) => setHover(cellAt(e))}
        onMouseLeave={() => setHover(undefined)}
        onClick={(e) => {
          const c = cellAt(e);
          onOpen(pods[c.i] ?? '', pods[c.j] ?? '');
        }}
        aria-label={`Connectivity matrix of ${n} pods; hover for details`}
      />
      <p className="mt-2 min-h-10 text-xs">
        {h
          ? `${h.src} → ${h.dst}: ${why(h.src, h.dst)}`
          : `${n} pods: hover a cell for the deciding policy, click to walk it.`}
      </p>
    </div>
  );
}
