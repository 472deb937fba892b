/** Label selectors, as k8s.io/apimachinery/pkg/labels evaluates them. */
import type { LabelSelector, ObjectMeta } from './k8s';

export type Labels = Readonly<Record<string, string>>;

/** A Service-style selector (map of equalities). An empty map selects everything. */
export function matchesMap(selector: Labels, labels: Labels): boolean {
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

/**
 * A LabelSelector: matchLabels and every matchExpressions entry are ANDed; `{}` matches
 * everything. Per labels.Requirement.Matches: `In` needs the key present with a listed value,
 * `NotIn` matches when the key is absent, `Exists`/`DoesNotExist` test presence.
 */
export function matchesSelector(selector: LabelSelector, labels: Labels): boolean {
  if (selector.matchLabels && !matchesMap(selector.matchLabels, labels)) return false;
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    const value = labels[req.key];
    switch (req.operator) {
      case 'In':
        if (!has || !(req.values ?? []).includes(value as string)) return false;
        break;
      case 'NotIn':
        if (has && (req.values ?? []).includes(value as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** "k=v,k2=v2", as kubectl prints selectors. */
export function formatSelector(selector: LabelSelector | Labels | undefined): string {
  if (!selector) return '<none>';
  const sel = (
    'matchLabels' in selector || 'matchExpressions' in selector
      ? selector
      : { matchLabels: selector }
  ) as LabelSelector;
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of sel.matchExpressions ?? []) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator.toLowerCase()} (${(r.values ?? []).join(',')})`);
  }
  return parts.length ? parts.join(',') : '<all>';
}

export const namespaceOf = (meta: ObjectMeta): string => meta.namespace || 'default';
export const keyOf = (meta: ObjectMeta): string => `${namespaceOf(meta)}/${meta.name}`;
