/** Small stroke icons (the media-control Unicode glyphs are missing from many system fonts). */
export type IconName =
  | 'restart'
  | 'back'
  | 'play'
  | 'pause'
  | 'forward'
  | 'undo'
  | 'redo'
  | 'sun'
  | 'moon'
  | 'close'
  | 'send'
  | 'plus'
  | 'minus'
  | 'fit';

const PATHS: Record<IconName, string> = {
  restart: 'M6 5h2v14H6zM19 5l-10 7 10 7z',
  back: 'M18 5l-10 7 10 7z',
  play: 'M7 4l13 8-13 8z',
  pause: 'M7 4h4v16H7zM14 4h4v16h-4z',
  forward: 'M5 5l10 7-10 7zM16 5h2v14h-2z',
  undo: 'M9 14L4 9l5-5M4 9h11a5 5 0 010 10h-3',
  redo: 'M15 14l5-5-5-5M20 9H9a5 5 0 000 10h3',
  sun: 'M12 7a5 5 0 100 10 5 5 0 000-10zM12 1v3M12 20v3M4.2 4.2l2.1 2.1M17.7 17.7l2.1 2.1M1 12h3M20 12h3M4.2 19.8l2.1-2.1M17.7 6.3l2.1-2.1',
  moon: 'M21 12.8A9 9 0 1111.2 3a7 7 0 009.8 9.8z',
  close: 'M6 6l12 12M18 6L6 18',
  send: 'M4 12l16-8-6 16-2-6z',
  plus: 'M12 5v14M5 12h14',
  minus: 'M5 12h14',
  fit: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5',
};

export function Icon({
  name,
  className = 'h-4 w-4',
}: {
  readonly name: IconName;
  readonly className?: string;
}) {
  const filled =
    name === 'play' ||
    name === 'pause' ||
    name === 'back' ||
    name === 'forward' ||
    name === 'restart';
  return (
    <svg
      viewBox="0 0 24 24"
      className={className}
      aria-hidden="true"
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth={filled ? 0 : 2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
