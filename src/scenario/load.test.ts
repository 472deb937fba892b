import { DEFAULT_SCENARIO } from '@/sim';
import { describe, expect, it } from 'vitest';

import { loadScenarioText } from './load';
import { exportManifests } from './manifests/exportManifests';
import { encodeShareLink } from './shareLink';
import boutique from './testdata/microservices-demo.yaml.txt?raw';

describe('loadScenarioText', () => {
  it('reads a scenario JSON as the app exports it', () => {
    const r = loadScenarioText(JSON.stringify(DEFAULT_SCENARIO, null, 2), 'cluster.json');
    expect(r).toEqual({ ok: true, value: { scenario: DEFAULT_SCENARIO, warnings: [], notes: [] } });
  });

  it('reads a share link, its fragment and a full URL, with the walk', () => {
    const frag = encodeShareLink(DEFAULT_SCENARIO, {
      from: 'pod/default/client',
      to: 'svc/shop/frontend',
      port: 80,
      protocol: 'TCP',
    });
    for (const text of [frag, `#${frag}`, `https://explorer.example/#${frag}\n`]) {
      const r = loadScenarioText(text);
      expect(r.ok && r.value.scenario).toStrictEqual(DEFAULT_SCENARIO);
      expect(r.ok && r.value.walk).toEqual({
        from: 'pod/default/client',
        to: 'svc/shop/frontend',
        port: 80,
        protocol: 'TCP',
      });
    }
  });

  it('reads Kubernetes manifests, YAML or JSON', () => {
    const yaml = loadScenarioText(boutique, 'microservices-demo.yaml');
    expect(yaml.ok && yaml.value.scenario.workloads).toHaveLength(12);
    expect(yaml.ok && yaml.value.notes.length).toBeGreaterThan(0);
    const json = loadScenarioText(exportManifests(DEFAULT_SCENARIO, 'json'));
    expect(json.ok && json.value.scenario).toStrictEqual(DEFAULT_SCENARIO);
    const oneObject = loadScenarioText(
      '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}',
    );
    expect(oneObject.ok && oneObject.value.scenario.namespaces).toHaveLength(1);
  });

  it('explains what it cannot read', () => {
    expect(loadScenarioText('  \n')).toEqual({
      ok: false,
      error: 'the input is empty — give a scenario JSON, a share link, or Kubernetes YAML/JSON',
    });
    const badScenario = loadScenarioText('{"version": 1, "cluster": {}, "nodes": [{}]}');
    expect(badScenario).toEqual({
      ok: false,
      error: 'not a valid scenario: nodes[0].metadata: required — add metadata with a name',
    });
    const badLink = loadScenarioText('https://explorer.example/#s=9.abc');
    expect(!badLink.ok && badLink.error).toContain('newer version (v9)');
    const badYaml = loadScenarioText('apiVersion: v1\nkind: Pod\nmetadata: {name: x\n');
    expect(!badYaml.ok && badYaml.error).toMatch(/^document 1, line \d+: YAML syntax error/);
  });
});
