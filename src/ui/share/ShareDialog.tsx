/** The share link for what is on screen (scenario, layout, walk and hop), with its length. */
import { useMemo, useState } from 'react';

import { encodeShareLink, LINK_WARN_CHARS, MAX_LINK_CHARS } from '@/scenario';
import { useAppStore } from '@/state';

import { usePlatform } from '../platform';
import { Button } from '../primitives/Button';

export function ShareDialog() {
  const scenario = useAppStore((s) => s.scenario);
  const walk = useAppStore((s) => s.walk);
  const step = useAppStore((s) => s.step);
  const expanded = useAppStore((s) => s.expanded);
  const platform = usePlatform();
  const [copied, setCopied] = useState<'idle' | 'ok' | 'fail'>('idle');
  const url = useMemo(
    () =>
      `${platform.baseUrl()}#${encodeShareLink(scenario, walk ? { ...walk, step } : undefined, { expanded })}`,
    [platform, scenario, walk, step, expanded],
  );
  const fileName = `${scenario.meta.name.replace(/[^\w.-]+/g, '-') || 'cluster'}.scenario.json`;
  const handleDownload = () =>
    platform.download(
      fileName,
      new Blob([JSON.stringify(scenario, null, 2)], { type: 'application/json' }),
    );
  if (url.length > MAX_LINK_CHARS)
    return (
      <div data-testid="share">
        <p className="mb-2 text-sm" role="alert" data-testid="share.too-long">
          This cluster is too large for a link: it would be{' '}
          <strong>{Math.round(url.length / 1024).toLocaleString('en-US')} KB</strong>, and links
          over {MAX_LINK_CHARS / 1024 / 1024} MB are cut by browsers (and refused by this app).
        </p>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">
          Share the scenario file instead: the other side opens it with <strong>Import</strong>{' '}
          (drop it on the page, or pick it).
        </p>
        <Button variant="primary" onClick={handleDownload} data-testid="share.download">
          Download {fileName}
        </Button>
      </div>
    );
  return (
    <div data-testid="share">
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-300">
        Anyone opening this link sees this scenario, its layout
        {walk ? ', and the walk at this hop' : ''}. Everything is in the link’s fragment: nothing is
        uploaded.
      </p>
      <textarea
        readOnly
        aria-label="Share link"
        value={url}
        rows={4}
        className="w-full rounded-md border border-slate-300 bg-slate-50 p-2 font-mono text-[11px] break-all dark:border-slate-600 dark:bg-slate-950"
        data-testid="share.url"
        onFocus={(e) => e.target.select()}
      />
      <div className="mt-2 flex items-center gap-3">
        <Button
          variant="primary"
          data-testid="share.copy"
          onClick={async () => setCopied((await platform.copyText(url)) ? 'ok' : 'fail')}
        >
          Copy link
        </Button>
        <span className="text-xs text-slate-500" data-testid="share.length">
          {url.length.toLocaleString('en-US')} characters
          {url.length > LINK_WARN_CHARS ? ' — long: some chat tools cut links this size' : ''}
          {url.length > LINK_WARN_CHARS && (
            <>
              {' '}
              <button
                type="button"
                className="text-blue-700 underline dark:text-blue-300"
                onClick={handleDownload}
                data-testid="share.download"
              >
                or share the scenario file
              </button>
            </>
          )}
        </span>
        {copied === 'ok' && (
          <span className="text-xs text-emerald-700 dark:text-emerald-300" role="status">
            Copied.
          </span>
        )}
        {copied === 'fail' && (
          <span className="text-xs text-amber-700 dark:text-amber-300" role="status">
            Copy it from the box above (the clipboard is not available).
          </span>
        )}
      </div>
    </div>
  );
}
