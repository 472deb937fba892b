#!/usr/bin/env node
// Makes sure Playwright has a Chromium to drive, in this order:
//   1. $CHROMIUM_PATH   2. Playwright's own browser (`npx playwright install chromium`)
//   3. Debian/Ubuntu /usr/bin/chromium   4. as root with apt: install Debian's `chromium`
// Otherwise it fails and says what to install. playwright.config.ts picks the same browser.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { chromium } from 'playwright-core';

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function found() {
  if (process.env.CHROMIUM_PATH)
    return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    /* no bundled browser */
  }
  return SYSTEM.find((p) => existsSync(p));
}

let path = found();
if (!path) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (root && hasApt) {
    console.log("No Chromium found for Playwright: installing Debian's chromium with apt-get …");
    try {
      execSync(
        'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
        {
          stdio: 'inherit',
        },
      );
    } catch {
      /* reported below */
    }
    path = found();
  }
}
if (!path) {
  console.error(
    'No Chromium for the end-to-end tests. Install one of:\n' +
      "  npx playwright install chromium        (Playwright's own browser)\n" +
      '  sudo apt-get install chromium          (Debian/Ubuntu; found at /usr/bin/chromium)\n' +
      'or set CHROMIUM_PATH to a Chromium/Chrome binary.',
  );
  process.exit(1);
}
console.log(`Playwright browser: ${path}`);
