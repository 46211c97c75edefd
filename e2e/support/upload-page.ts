import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test as base, type Locator, type Page } from '@playwright/test';

/** ../shared/samples beside the checkout; the samples are read in place, never copied. */
export const SAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/samples');

/** Absolute path of a public sample; skips the calling test when ../shared is absent. */
export function sample(name: string): string {
  const p = path.join(SAMPLES_DIR, name);
  const exists = existsSync(p);
  test.skip(!exists, `../shared/samples not found: ${p}`);
  return p;
}

/** The upload page as a user sees it. */
export class UploadPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { level: 1, name: 'DNS Hunt' })).toBeVisible();
  }

  get fileInput(): Locator {
    return this.page.getByLabel('Choose log files', { exact: true });
  }

  get dropZone(): Locator {
    return this.page.getByRole('region', { name: 'Drop zone for DNS log files' });
  }

  /** The upload panel's status line (other parts of the page have live regions of their own). */
  get status(): Locator {
    return this.page.getByRole('region', { name: 'Log files' }).getByRole('status');
  }

  /** The card of one file, named by its file name. */
  card(name: string): Locator {
    return this.page.getByRole('article', { name, exact: true });
  }

  /** The value shown for a labelled fact ("DNS events", "Format", …) on a file's card. */
  fact(name: string, label: string): Locator {
    return this.card(name)
      .locator('dt')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }
}

/** `uploadPage` fixture; also fails a test on any console error or uncaught page error. */
export const test = base.extend<{ uploadPage: UploadPage }>({
  uploadPage: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const up = new UploadPage(page);
    await up.open();
    await use(up);
    expect(errors, 'console errors').toEqual([]);
  },
});

export { expect };
