/** Add a pod: namespace, name, node, labels and containers with their ports. */
import { useState } from 'react';

import { addPod, type Container } from '@/sim';
import { selectCluster, useAppStore } from '@/state';

import { Button } from '../primitives/Button';
import { Field, inputCls } from '../primitives/Field';

import { nameError, parseLabels, parsePorts } from './parse';

interface ContainerDraft {
  name: string;
  image: string;
  ports: string;
}

export interface AddPodFormProps {
  readonly onDone: () => void;
}

export function AddPodForm({ onDone }: AddPodFormProps) {
  const cluster = useAppStore(selectCluster);
  const edit = useAppStore((s) => s.edit);
  const select = useAppStore((s) => s.select);
  const setBirth = useAppStore((s) => s.setBirth);
  const [ns, setNs] = useState('default');
  const [name, setName] = useState('');
  const [node, setNode] = useState(cluster.nodes[0]?.name ?? '');
  const [labels, setLabels] = useState('');
  const [containers, setContainers] = useState<ContainerDraft[]>([
    { name: 'app', image: 'nginx:1.27', ports: '80/TCP http' },
  ]);
  const [tried, setTried] = useState(false);

  const nsErr = nameError(ns, 'Namespace');
  const exists = cluster.podByKey.has(`${ns}/${name}`);
  const nameErr =
    nameError(name, 'Name') ?? (exists ? `A pod ${ns}/${name} already exists` : undefined);
  const lab = parseLabels(labels);
  const parsed = containers.map((c) => ({
    c,
    p: parsePorts(c.ports),
    e: nameError(c.name, 'Container name'),
  }));
  const dupContainer =
    new Set(containers.map((c) => c.name)).size !== containers.length
      ? 'Container names must differ'
      : undefined;
  const bad = Boolean(
    nsErr || nameErr || lab.error || dupContainer || parsed.some((x) => x.p.error || x.e),
  );

  const handleSubmit = (e: React.SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    // "Add and watch it born" plays the pod's creation: sandbox, netns, CNI ADD, pause.
    const watch = (e.nativeEvent.submitter as HTMLButtonElement | null)?.value === 'watch';
    setTried(true);
    if (bad) return;
    const cs: Container[] = parsed.map(({ c, p }) => ({
      name: c.name,
      ...(c.image ? { image: c.image } : {}),
      ...(p.ports.length ? { ports: p.ports } : {}),
    }));
    edit((s) =>
      addPod(s, {
        namespace: ns,
        name,
        ...(node ? { nodeName: node } : {}),
        labels: lab.labels,
        containers: cs,
      }),
    );
    select(`pod:${ns}/${name}`);
    if (watch) setBirth({ pod: `${ns}/${name}`, step: 0 });
    onDone();
  };
  const show = (err: string | undefined) => (tried ? err : undefined);
  return (
    <form onSubmit={handleSubmit} data-testid="add-pod.form" noValidate>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Namespace" htmlFor="add-pod.namespace" error={show(nsErr)}>
          <input
            id="add-pod.namespace"
            className={inputCls}
            value={ns}
            onChange={(e) => setNs(e.target.value)}
            list="ns-list"
            aria-invalid={Boolean(show(nsErr))}
          />
          <datalist id="ns-list">
            {cluster.namespaces.map((n) => (
              <option key={n.name} value={n.name} />
            ))}
          </datalist>
        </Field>
        <Field label="Name" htmlFor="add-pod.name" error={show(nameErr)}>
          <input
            id="add-pod.name"
            className={inputCls}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="web-1"
            aria-invalid={Boolean(show(nameErr))}
            autoFocus
          />
        </Field>
        <Field
          label="Node"
          htmlFor="add-pod.node"
          hint="Empty: the scheduler places it on the least busy node."
        >
          <select
            id="add-pod.node"
            className={inputCls}
            value={node}
            onChange={(e) => setNode(e.target.value)}
          >
            <option value="">(let the scheduler pick)</option>
            {cluster.nodes.map((n) => (
              <option key={n.name} value={n.name}>
                {n.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="Labels"
          htmlFor="add-pod.labels"
          error={show(lab.error)}
          hint="key=value, comma-separated (Services select on these)"
        >
          <input
            id="add-pod.labels"
            className={inputCls}
            value={labels}
            onChange={(e) => setLabels(e.target.value)}
            placeholder="app=web"
          />
        </Field>
      </div>
      <fieldset className="mb-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
        <legend className="px-1 text-xs font-semibold text-slate-600 dark:text-slate-300">
          Containers (they share the pod’s network namespace)
        </legend>
        {dupContainer && tried && (
          <p className="mb-2 text-xs text-red-700 dark:text-red-300" role="alert">
            ⚠ {dupContainer}
          </p>
        )}
        {containers.map((c, i) => (
          <div key={i} className="mb-2 grid grid-cols-[1fr_1.3fr_1.3fr_auto] items-start gap-2">
            <input
              aria-label={`Container ${i + 1} name`}
              className={inputCls}
              value={c.name}
              onChange={(e) =>
                setContainers(
                  containers.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)),
                )
              }
              data-testid={`add-pod.container.${i}.name`}
            />
            <input
              aria-label={`Container ${i + 1} image`}
              className={inputCls}
              value={c.image}
              onChange={(e) =>
                setContainers(
                  containers.map((x, j) => (j === i ? { ...x, image: e.target.value } : x)),
                )
              }
              placeholder="image"
            />
            <div>
              <input
                aria-label={`Container ${i + 1} ports`}
                className={inputCls}
                value={c.ports}
                onChange={(e) =>
                  setContainers(
                    containers.map((x, j) => (j === i ? { ...x, ports: e.target.value } : x)),
                  )
                }
                placeholder="8080/TCP http"
                data-testid={`add-pod.container.${i}.ports`}
                aria-invalid={Boolean(tried && parsed[i]?.p.error)}
              />
              {tried && (parsed[i]?.p.error ?? parsed[i]?.e) && (
                <p className="mt-1 text-xs text-red-700 dark:text-red-300">
                  ⚠ {parsed[i]?.p.error ?? parsed[i]?.e}
                </p>
              )}
            </div>
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Remove container ${i + 1}`}
              disabled={containers.length === 1}
              onClick={() => setContainers(containers.filter((_, j) => j !== i))}
            >
              ✕
            </Button>
          </div>
        ))}
        <Button
          size="sm"
          onClick={() =>
            setContainers([
              ...containers,
              { name: `sidecar${containers.length}`, image: '', ports: '' },
            ])
          }
        >
          + container
        </Button>
      </fieldset>
      <div className="flex justify-end gap-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" value="watch" data-testid="add-pod.watch">
          Add and watch it being born
        </Button>
        <Button type="submit" variant="primary" data-testid="add-pod.submit">
          Add pod
        </Button>
      </div>
    </form>
  );
}
