import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

/** The hunting dashboard as a user sees it. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  tab(name: 'Overview' | 'Suspects' | 'Timeline' | 'Entity'): Locator {
    return this.page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name });
  }

  /** The figure of a labelled stat ("DNS events in view", "NXDOMAIN share", …). */
  stat(label: string): Locator {
    return this.page.getByRole('group', { name: label });
  }

  statValue(id: 'events' | 'nxdomain' | 'suspects'): Locator {
    return this.page.getByTestId(`stat-${id}-value`);
  }

  get chart(): Locator {
    return this.page.getByRole('figure', { name: 'Query volume over time' });
  }

  topList(title: 'Top processes' | 'Top domains' | 'Top hosts'): Locator {
    return this.page.getByRole('region', { name: title });
  }

  get pivot(): Locator {
    return this.page.getByRole('article', { name: 'Pivot' });
  }

  /** Sum of the Events column of the pivot page shown. */
  async pivotSum(): Promise<number> {
    const cells = await this.pivot.locator('tbody tr td:last-child').allTextContents();
    return cells.reduce((a, c) => a + Number(c.replace(/,/g, '')), 0);
  }

  get from(): Locator {
    return this.page.getByLabel('From (UTC)');
  }

  get to(): Locator {
    return this.page.getByLabel('To (UTC)');
  }

  get suspectRows(): Locator {
    return this.page.locator('.suspects-table tbody tr');
  }

  get evidence(): Locator {
    return this.page.getByRole('table', { name: 'Evidence rows' });
  }

  /** Query-string values of the current URL. */
  urlParams(): URLSearchParams {
    return new URL(this.page.url()).searchParams;
  }

  /** Every value in the URL is a number, an id or one of our own names: never log text. */
  async expectUrlHoldsNoLogText(logStrings: readonly string[]): Promise<void> {
    const url = decodeURIComponent(this.page.url()).toLowerCase();
    for (const s of logStrings) expect(url, `URL must not contain "${s}"`).not.toContain(s.toLowerCase());
    for (const [k, v] of this.urlParams()) expect(`${k}=${v}`).toMatch(/^[a-z]+=[A-Za-z0-9_,-]+$/);
  }

  /** Saves a screenshot of the page (or of one part of it) and attaches it to the report. */
  async attachScreenshot(testInfo: TestInfo, name: string, part?: Locator): Promise<void> {
    const path = testInfo.outputPath(`${name}.png`);
    if (part) await part.screenshot({ path });
    else await this.page.screenshot({ path, fullPage: true });
    await testInfo.attach(name, { path, contentType: 'image/png' });
  }
}
