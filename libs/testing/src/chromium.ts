import type { Browser } from 'puppeteer-core';

/** Debian's Chromium, installed by the test set-up (deploy/system/debian-packages.ts); no browser is downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium for browser tests. The flags keep it off the network beyond the pages it
 * is sent to (this machine refuses outside connections, and Chromium tries many at start).
 */
export async function launchChromium(): Promise<Browser> {
  // Loaded here, not at the top: most tests import this library and never open a browser.
  const { launch } = await import('puppeteer-core');
  return launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
