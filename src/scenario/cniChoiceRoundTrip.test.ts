/**
 * Every CNI choice of the Network tab survives the ways a scenario leaves the app and comes back:
 * export to manifests and import, a share link, the scenario JSON — the same choice is read back
 * from the objects it wrote (cilium-config, IPPool) and ExplorerSettings' cni.mode, and leaving it
 * for flannel afterwards gives the original scenario.
 */
import {
  applyCniChoice,
  cniChoiceById,
  cniChoiceOf,
  CNI_CHOICES,
  DEFAULT_SCENARIO,
  type Scenario,
} from '@/sim';
import { describe, expect, it } from 'vitest';

import { exportManifests } from './manifests/exportManifests';
import { importManifests } from './manifests/importManifests';
import { restore } from './restore';
import { encodeShareLink } from './shareLink';
import { decodeShareLink } from './shareLinkDecode';

const throughManifests = (s: Scenario, format: 'yaml' | 'json'): Scenario => {
  const r = importManifests(exportManifests(s, format));
  if (!r.ok) throw new Error(r.error.message);
  return r.value.scenario;
};
const throughLink = (s: Scenario): Scenario => {
  const r = decodeShareLink(encodeShareLink(s));
  if (!r.ok) throw new Error(r.error);
  return r.value.scenario;
};
const throughJson = (s: Scenario): Scenario => {
  const r = restore(JSON.parse(JSON.stringify(s)));
  if (!r.ok) throw new Error(r.error);
  return r.value.scenario;
};

describe.each(CNI_CHOICES.map((c) => [c.id, c] as const))('the %s choice', (_id, choice) => {
  const chosen = applyCniChoice(DEFAULT_SCENARIO, choice);
  const flannel = cniChoiceById('routes');
  it.each([
    ['exported as YAML and imported', (s: Scenario) => throughManifests(s, 'yaml')],
    ['exported as JSON and imported', (s: Scenario) => throughManifests(s, 'json')],
    ['in a share link', throughLink],
    ['in the scenario JSON', throughJson],
  ])('%s: read back as the same choice', (_how, via) => {
    const back = via(chosen);
    expect(back).toStrictEqual(chosen);
    expect(cniChoiceOf(back)?.id).toBe(choice.id);
    if (flannel) expect(applyCniChoice(back, flannel)).toStrictEqual(DEFAULT_SCENARIO);
  });
});
