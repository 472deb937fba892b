/** A pod: its network namespace (eth0, veth peer, routes), containers and their ports, labels. */
import { PAUSE_IMAGE, removePod, type DerivedPod } from '@/sim';
import { selectCluster, useAppStore } from '@/state';

import { Badge } from '../primitives/Badge';
import { Button } from '../primitives/Button';
import { CodeBlock } from '../primitives/CodeBlock';
import { KeyValue } from '../primitives/KeyValue';
import { Section } from '../primitives/Section';

import { PAUSE } from './pauseSelection';
import { WalkActions } from './WalkActions';

export interface PodInspectorProps {
  readonly pod: DerivedPod;
  readonly container?: string | undefined;
  readonly veth?: boolean;
}

export function PodInspector({ pod, container, veth }: PodInspectorProps) {
  const edit = useAppStore((s) => s.edit);
  const showPause = useAppStore((s) => s.showPause);
  const setShowPause = useAppStore((s) => s.setShowPause);
  const setBirth = useAppStore((s) => s.setBirth);
  const select = useAppStore((s) => s.select);
  const cluster = useAppStore(selectCluster);
  const isScenarioPod = !pod.workload;
  const attach =
    pod.nodeName !== undefined ? cluster.nodeByName.get(pod.nodeName)?.podAttach : undefined;
  const attachNote = attach?.style === 'bridge' ? ` (port of ${attach.label})` : '';
  return (
    <div data-testid="inspector.pod">
      <Section
        title={veth ? 'veth pair' : container ? 'Container' : 'Pod'}
        right={
          <div className="flex gap-1">
            {pod.hostNetwork && <Badge tone="info">hostNetwork</Badge>}
            <Badge tone={pod.ready ? 'ok' : 'warn'}>{pod.ready ? 'Ready' : 'not ready'}</Badge>
          </div>
        }
      >
        <h2 className="mb-2 text-base font-semibold" data-testid="inspector.title">
          {pod.namespace}/{pod.name}
          {container ? <span className="text-slate-500"> · {container}</span> : null}
        </h2>
        <KeyValue
          testId="inspector.pod.fields"
          rows={[
            [
              'Pod IP',
              pod.ips.join(', ') ||
                (pod.nodeMissing ? `none — node "${pod.nodeName}" is missing` : 'none'),
            ],
            [
              'Node',
              pod.nodeName
                ? `${pod.nodeName}${pod.scheduled ? ' (scheduled by the explorer)' : ''}`
                : 'unscheduled',
            ],
            pod.eth0 && ['eth0 MAC', pod.eth0.mac],
            pod.vethHost && [
              'Host veth',
              `${pod.vethHost.name} · ${pod.vethHost.mac}${attachNote}`,
            ],
            pod.eth0 && ['MTU', String(pod.eth0.mtu)],
            pod.workload && ['Created by', `${pod.workload.kind} ${pod.workload.name}`],
            [
              'Labels',
              Object.entries(pod.labels)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ') || '—',
            ],
          ]}
        />
        <div className="mt-3">
          <WalkActions
            asSource={`pod/${pod.namespace}/${pod.name}${container ? `/${container}` : ''}`}
            asDestination={`pod/${pod.namespace}/${pod.name}`}
          />
        </div>
      </Section>
      <Section title="Containers (one network namespace)">
        <ul className="space-y-2 text-sm">
          <li
            className={
              container === PAUSE ? 'rounded-md bg-violet-50 p-1 dark:bg-violet-950/40' : 'p-1'
            }
            data-testid="inspector.pod.pause"
          >
            <div className="font-medium">
              pause <span className="font-normal text-slate-500">(the sandbox)</span>
            </div>
            <div className="text-xs text-slate-500">{PAUSE_IMAGE}</div>
            <div className="text-[12px]">
              Holds the pod&apos;s{' '}
              {pod.hostNetwork ? 'place in the node’s namespace' : 'network namespace'} while app
              containers restart. It sets up nothing: the runtime made the namespace and the CNI
              plugin wired it.
            </div>
          </li>
          {pod.containers.map((c) => {
            const ports = pod.ports.filter((p) => p.container === c.name);
            return (
              <li
                key={c.name}
                className={
                  container === c.name ? 'rounded-md bg-violet-50 p-1 dark:bg-violet-950/40' : 'p-1'
                }
              >
                <div className="font-medium">{c.name}</div>
                <div className="text-xs text-slate-500 dark:text-slate-400">
                  {c.image ?? 'no image'}
                </div>
                <div className="font-mono text-[12px]">
                  {ports.length
                    ? ports
                        .map((p) => `${p.port}/${p.protocol}${p.name ? ` (${p.name})` : ''}`)
                        .join(', ')
                    : 'no declared ports'}
                </div>
              </li>
            );
          })}
        </ul>
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          Containers reach each other on localhost; two of them cannot listen on the same port.
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <Button
            size="sm"
            onClick={() => setBirth({ pod: pod.key, step: 0 })}
            data-testid="inspector.pod.birth"
            title="Play how the kubelet, the runtime and the CNI plugin gave this pod its network"
          >
            ▶ How this pod was born
          </Button>
          <label className="flex items-center gap-1.5 text-xs">
            <input
              type="checkbox"
              checked={showPause}
              onChange={(e) => setShowPause(e.target.checked)}
              data-testid="inspector.pod.show-pause"
            />
            Show pause containers on the graph
          </label>
        </div>
      </Section>
      {pod.routes.length > 0 && (
        <Section title="ip route (inside the pod)">
          <CodeBlock lines={pod.routes.map((r) => r.text)} testId="inspector.pod.routes" />
        </Section>
      )}
      {pod.neigh.length > 0 && (
        <Section title="ip neigh (inside the pod)">
          <CodeBlock lines={pod.neigh.map((n) => n.text)} testId="inspector.pod.neigh" />
        </Section>
      )}
      {isScenarioPod && (
        <Section title="Edit">
          <Button
            size="sm"
            variant="danger"
            data-testid="inspector.pod.remove"
            onClick={() => {
              edit((s) => removePod(s, pod.key));
              select(undefined);
            }}
          >
            Delete pod
          </Button>
        </Section>
      )}
    </div>
  );
}
