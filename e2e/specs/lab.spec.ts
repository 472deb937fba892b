/**
 * Export → Linux lab script: the download is a bash script that builds the scenario in network
 * namespaces, with each node's routes and the iptables rules its inspector shows.
 */
import { readFileSync } from 'node:fs';

import { expect, test } from '../fixtures';

test('Export → Linux lab script downloads a script with the nodes’ routes and rules', async ({
  page,
  canvas,
}) => {
  await page.goto('/');
  await canvas.ready();
  await page.getByTestId('toolbar.export').click();
  const item = page.getByTestId('export.lab');
  await expect(item).toContainText('Linux lab script');
  await expect(item).toContainText('build it in network namespaces');
  await page.screenshot({ path: 'test-results/lab-export-menu.png' });
  const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
  expect(download.suggestedFilename()).toBe('two-node-cluster-lab.sh');
  const text = readFileSync((await download.path()) ?? '', 'utf8');
  expect(text.startsWith('#!/usr/bin/env bash\n# Linux lab: "Two-node cluster"')).toBe(true);
  // node-1's routes, as its inspector lists them …
  expect(text).toContain("# node-1: route to node-2's pods (10.244.2.0/24)");
  expect(text).toContain(
    'ip -n "$P-node-node-1" route add 10.244.2.0/24 via 192.168.1.12 dev eth0',
  );
  expect(text).toContain(
    'ip -n "$P-node-node-1" route add default via 192.168.1.1 dev eth0 proto static',
  );
  // … and its iptables-save text, loaded with iptables-restore.
  expect(text).toContain("load_rules node-node-1 iptables <<'K8SNET_RULES'");
  expect(text).toMatch(
    /-A KUBE-SVC-\w+ -m comment --comment "shop\/frontend:http -> 10\.244\.1\.3:8080" -m statistic --mode random --probability 0\.5000000000 -j KUBE-SEP-\w+/,
  );
  expect(text).toContain(
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
  );
  await expect(page.getByTestId('notice.info')).toContainText('Saved two-node-cluster-lab.sh');
});
