/**
 * Building blocks for lesson checks: each returns a criterion (a label and whether it holds) from
 * the computed state. They read what the walk *is* (refs resolved as the tracer resolves them, so
 * `default/client`, `pod/default/client` and 10.244.1.2 are the same source), not what was typed.
 */
import { resolveName, resolveRef, type Hop, type Verdict } from '@/sim';

import type { Criterion, LessonContext } from './types';

/** The pod a walk starts from, if it starts from a pod. */
function sourcePod(ctx: LessonContext): string | undefined {
  if (!ctx.walk) return undefined;
  const r = resolveRef(ctx.cluster, ctx.walk.from);
  return r.ok && r.value.kind === 'pod' ? r.value.pod.key : undefined;
}

/** What a walk is sent to: a Service ("svc ns/name"), a pod ("pod ns/name"), or an IP. */
function target(ctx: LessonContext): string | undefined {
  if (!ctx.walk) return undefined;
  const r = resolveRef(ctx.cluster, ctx.walk.to);
  if (!r.ok) return undefined;
  const e = r.value;
  if (e.kind === 'service') return `svc ${e.service.key}`;
  if (e.kind === 'pod') return `pod ${e.pod.key}`;
  if (e.kind === 'node') return `node ${e.node.name}`;
  if (e.kind === 'external') return `ip ${e.ip}`;
  const ns = sourcePod(ctx)?.split('/')[0];
  const name = resolveName(ctx.cluster, e.name, ns).name;
  const svc = ctx.cluster.services.find(
    (s) => name !== undefined && name.startsWith(`${s.name}.${s.namespace}.svc.`),
  );
  return svc ? `svc ${svc.key}` : `dns ${e.name}`;
}

export const walkFrom = (ctx: LessonContext, pod: string): Criterion => ({
  label: `The walk starts at pod ${pod}`,
  ok: sourcePod(ctx) === pod,
});

export const walkFromIp = (ctx: LessonContext, ip: string): Criterion => ({
  label: `The walk starts at ${ip}, outside the cluster`,
  ok: ctx.walk !== undefined && ctx.walk.from.trim() === ip,
});

export const walkTo = (ctx: LessonContext, what: 'svc' | 'pod', key: string): Criterion => ({
  label: `It is sent to ${what === 'svc' ? 'the Service' : 'pod'} ${key}`,
  ok: target(ctx) === `${what} ${key}`,
});

export const walkToAddress = (ctx: LessonContext, ip: string, port?: number): Criterion => ({
  label: `It is sent to ${ip}${port !== undefined ? ` port ${port}` : ''}`,
  ok:
    ctx.walk !== undefined &&
    ctx.walk.to.trim() === ip &&
    (port === undefined || ctx.walk.port === port),
});

export const verdictIs = (ctx: LessonContext, v: Verdict): Criterion => ({
  label: `The walk's verdict is “${v}”`,
  ok: ctx.trace?.verdict === v,
});

export const enteredAt = (ctx: LessonContext, node: string): Criterion => ({
  label: `It enters the cluster at ${node}`,
  ok: ctx.walk?.node === node,
});

/** The hop being looked at satisfies `pred`. */
export const atHop = (
  ctx: LessonContext,
  label: string,
  pred: (h: Hop, i: number) => boolean,
): Criterion => ({ label, ok: ctx.hop !== undefined && pred(ctx.hop, ctx.step) });

/** Some hop of the walk satisfies `pred`. */
export const walkHas = (
  ctx: LessonContext,
  label: string,
  pred: (h: Hop) => boolean,
): Criterion => ({ label, ok: (ctx.trace?.hops ?? []).some(pred) });

/** The last request hop (what the server receives). */
export const lastRequest = (ctx: LessonContext): Hop | undefined =>
  ctx.trace?.hops.filter((h) => h.direction === 'request' && h.phase !== 'dns').at(-1);

export const diagnostic = (
  ctx: LessonContext,
  label: string,
  code: string,
  present: boolean,
): Criterion => ({
  label,
  ok: ctx.diagnostics().some((d) => d.code === code && d.severity === 'error') === present,
});

export const holds = (label: string, ok: boolean): Criterion => ({ label, ok });
