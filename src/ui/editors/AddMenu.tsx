import { lazy, Suspense, useState } from 'react';

import { Button } from '../primitives/Button';
import { Dialog } from '../primitives/Dialog';
import { Loading } from '../primitives/Loading';

// The forms load when a dialog first opens (keeps the initial bundle small).
const AddNodeForm = lazy(() => import('./AddNodeForm').then((m) => ({ default: m.AddNodeForm })));
const AddPodForm = lazy(() => import('./AddPodForm').then((m) => ({ default: m.AddPodForm })));
const AddServiceForm = lazy(() =>
  import('./AddServiceForm').then((m) => ({ default: m.AddServiceForm })),
);

type What = 'node' | 'pod' | 'service' | undefined;

/** The sidebar's "add" buttons and their dialogs. */
export function AddMenu() {
  const [what, setWhat] = useState<What>();
  const close = () => setWhat(undefined);
  return (
    <div className="flex gap-1.5 pb-2" role="group" aria-label="Add to the cluster">
      <Button size="sm" onClick={() => setWhat('node')} data-testid="add.node">
        + Node
      </Button>
      <Button size="sm" onClick={() => setWhat('pod')} data-testid="add.pod">
        + Pod
      </Button>
      <Button size="sm" onClick={() => setWhat('service')} data-testid="add.service">
        + Service
      </Button>
      <Dialog title="Add a node" open={what === 'node'} onClose={close} testId="dialog.add-node">
        <Suspense fallback={<Loading />}>
          <AddNodeForm onDone={close} />
        </Suspense>
      </Dialog>
      <Dialog title="Add a pod" open={what === 'pod'} onClose={close} testId="dialog.add-pod" wide>
        <Suspense fallback={<Loading />}>
          <AddPodForm onDone={close} />
        </Suspense>
      </Dialog>
      <Dialog
        title="Add a Service"
        open={what === 'service'}
        onClose={close}
        testId="dialog.add-service"
      >
        <Suspense fallback={<Loading />}>
          <AddServiceForm onDone={close} />
        </Suspense>
      </Dialog>
    </div>
  );
}
