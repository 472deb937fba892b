/** Edit a NetworkPolicy as YAML; errors sit on their line and the draft is never lost. */
import { useMemo, useState } from 'react';

import { upsertNetworkPolicy, type NetworkPolicy } from '@/sim';
import { useAppStore } from '@/state';

import { Button } from '../primitives/Button';
import { YamlEditor } from '../primitives/YamlEditor';

import { parsePolicyYaml, policyToYaml } from './policyYaml';

const TEMPLATE = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-from-client
  namespace: default
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: client
      ports:
        - protocol: TCP
          port: 80
`;

export interface PolicyYamlDialogProps {
  readonly policy?: NetworkPolicy | undefined;
  readonly onDone: () => void;
}

export function PolicyYamlDialog({ policy, onDone }: PolicyYamlDialogProps) {
  const theme = useAppStore((s) => s.theme);
  const edit = useAppStore((s) => s.edit);
  const setFocus = useAppStore((s) => s.setPolicyFocus);
  const policies = useAppStore((s) => s.scenario.networkPolicies);
  const [text, setText] = useState(() => (policy ? policyToYaml(policy) : TEMPLATE));
  const parsed = useMemo(
    () => parsePolicyYaml(text, policy?.metadata.namespace ?? 'default'),
    [text, policy],
  );
  const originalKey = policy
    ? `${policy.metadata.namespace ?? 'default'}/${policy.metadata.name}`
    : undefined;
  // A new name that is taken replaces that other policy: say so before saving.
  const replaces =
    parsed.ok &&
    `${parsed.policy.metadata.namespace ?? 'default'}/${parsed.policy.metadata.name}` !==
      originalKey &&
    policies.some(
      (x) =>
        (x.metadata.namespace ?? 'default') === (parsed.policy.metadata.namespace ?? 'default') &&
        x.metadata.name === parsed.policy.metadata.name,
    );
  const handleSave = () => {
    if (!parsed.ok) return;
    edit((s) => upsertNetworkPolicy(s, parsed.policy, originalKey));
    setFocus(`${parsed.policy.metadata.namespace ?? 'default'}/${parsed.policy.metadata.name}`);
    onDone();
  };
  return (
    <div data-testid="policy-yaml">
      <YamlEditor
        value={text}
        onChange={setText}
        problems={parsed.ok ? [] : parsed.problems}
        dark={theme === 'dark'}
        label="NetworkPolicy YAML"
        testId="policy-yaml.editor"
      />
      <div className="mt-2 min-h-6 text-sm" aria-live="polite" data-testid="policy-yaml.status">
        {parsed.ok ? (
          <span className="text-emerald-700 dark:text-emerald-300">
            ✓ Valid NetworkPolicy {parsed.policy.metadata.namespace}/{parsed.policy.metadata.name}
            {replaces &&
              ' — a policy of that name exists: saving replaces it (Undo brings it back).'}
          </span>
        ) : (
          <ul className="space-y-0.5 text-red-700 dark:text-red-300">
            {parsed.problems.map((p, i) => (
              <li key={i}>
                ⚠ line {p.line}: {p.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="mt-3 flex justify-end gap-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button
          variant="primary"
          disabled={!parsed.ok}
          onClick={handleSave}
          data-testid="policy-yaml.save"
        >
          {replaces ? 'Replace policy' : 'Save policy'}
        </Button>
      </div>
    </div>
  );
}
