import { Browser } from 'puppeteer-core';
import { launchChromium } from '@gridwhistle/testing';
import { SERVICES } from './setup';
import { RunningSystem } from './running-system';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Every service's Swagger UI, opened in real headless Chromium, lists every operation of its OpenAPI document. */
describe('the API documentation in a browser', () => {
  let system: RunningSystem;
  let browser: Browser;

  beforeAll(async () => {
    [system, browser] = await Promise.all([RunningSystem.start(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it.each(SERVICES)('%s: /docs shows every endpoint of /openapi.json', async (service) => {
    const document = (await system.call(service, '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).filter((key) => METHODS.includes(key)).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(documented.length).toBeGreaterThan(0);

    const page = await browser.newPage();
    try {
      const response = await page.goto(`${system.urls[service]}/docs`, { waitUntil: 'networkidle0' });
      expect(response?.status()).toBe(200);
      await page.waitForSelector('.opblock-summary-path');
      const shown = await page.$$eval('.opblock', (blocks) =>
        blocks.map((block) => {
          const method = block.querySelector('.opblock-summary-method')?.textContent?.trim() ?? '';
          const path = block.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '';
          return `${method} ${path}`;
        }),
      );
      expect([...new Set(shown)].sort()).toEqual(documented);
      expect(await page.title()).not.toBe('');
    } finally {
      await page.close();
    }
  });
});
