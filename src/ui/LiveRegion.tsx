/**
 * What screen readers hear without moving focus (a polite live region): each hop of the open walk
 * as it becomes current ("Hop 6 of 17, node-1: DNAT 10.104.39.225:80 → 10.244.1.3:8080"), and the
 * feedback of lessons and predict mode (the store's `announce`). The last change wins.
 */
import { useEffect, useState } from 'react';

import { selectTrace, useStoreApi, type AppState } from '@/state';

function hopText(s: AppState): string | undefined {
  const trace = selectTrace(s);
  const hop = trace?.hops[s.step];
  // In predict mode the feedback describes the hop (announced through `announce`); while the
  // pod-birth player is open, its steps are what is announced.
  if (!trace || !hop || s.predict || s.birth) return undefined;
  const where = hop.node ? `, ${hop.node}` : '';
  return `Hop ${s.step + 1} of ${trace.hops.length}${where}: ${hop.title ?? hop.kind}.`;
}

export function LiveRegion() {
  const store = useStoreApi();
  const [text, setText] = useState('');
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.announcement !== prev.announcement) setText(s.announcement.text);
        else if (s.step !== prev.step || s.walk !== prev.walk || s.scenario !== prev.scenario) {
          const t = hopText(s);
          if (t) setText(t);
        }
      }),
    [store],
  );
  return (
    <div className="sr-only" role="status" aria-live="polite" data-testid="live-region">
      {text}
    </div>
  );
}
