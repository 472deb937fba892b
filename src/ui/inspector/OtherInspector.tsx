import { routerRoutes } from '@/sim';
import { selectCluster, useAppStore } from '@/state';

import { CodeBlock } from '../primitives/CodeBlock';
import { Section } from '../primitives/Section';

import { SubnetInspector } from './SubnetInspector';
import { WalkActions } from './WalkActions';

export interface OtherInspectorProps {
  readonly id: string;
}

/** The router (the nodes' gateway to each other and to the outside) and the node subnets. */
export function OtherInspector({ id }: OtherInspectorProps) {
  const cluster = useAppStore(selectCluster);
  if (!id.startsWith('ext:')) return <SubnetInspector id={id} />;
  const several = cluster.subnets.length > 1;
  return (
    <Section title="Router and the outside">
      <h2 className="mb-2 text-base font-semibold" data-testid="inspector.title">
        {several ? 'Router between the node subnets' : 'Clients and the internet'}
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">
        Every node&apos;s default gateway.{' '}
        {several
          ? 'It joins the node subnets: nodes on different subnets reach each other through it. '
          : ''}
        Outside hosts reach the cluster through a node&apos;s address (NodePort), a load balancer or
        an external IP — never a pod or ClusterIP directly, unless the router holds pod routes (CNI
        mode cloud-routes).
      </p>
      <CodeBlock
        lines={routerRoutes(cluster).map((r) => r.text)}
        testId="inspector.router.routes"
      />
      <div className="mt-3">
        <WalkActions asSource="203.0.113.10" asDestination="93.184.216.34" />
      </div>
    </Section>
  );
}
