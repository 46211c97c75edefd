import type { Page } from '@playwright/test';
import { plotArea, xOf, yOf } from '../components/timeline/plot-geometry';
import { DashboardPage } from './support/dashboard-page';
import { expect, test } from './support/upload-page';

const STAGER = 'C:\\Users\\yusuf.kowalski\\Desktop\\dns_stager.exe';

test.describe('per-process timeline', () => {
  test('DNSStager: "Show in timeline" draws the staging burst; a point opens its event; the picker works by keyboard', async ({ uploadPage: up, page }, testInfo) => {
    const dash = new DashboardPage(page);
    await page.getByRole('button', { name: 'Try sample data' }).click();
    await expect(up.status).toHaveText('13,314 DNS events loaded from 1 of 1 file.');

    // from the suspect's evidence panel
    await dash.tab('Suspects').click();
    const stager = page.getByRole('table', { name: /Suspects by score/ }).getByRole('row').filter({ hasText: 'dns_stager.exe' });
    await stager.click();
    await page.getByRole('region', { name: /Evidence:/ }).getByRole('link', { name: /^Show in timeline/ }).first().click();
    await expect(dash.tab('Timeline')).toHaveAttribute('aria-selected', 'true');
    expect(dash.urlParams().get('view')).toBe('timeline');
    expect(dash.urlParams().get('ent')).toMatch(/^p\d+$/);
    await dash.expectUrlHoldsNoLogText(['dns_stager', 'mydnsserver', 'WS017']);
    await expect(page.getByRole('heading', { name: /^Timeline:/ })).toContainText('dns_stager.exe');
    await expect(page.getByLabel('Process or host')).toHaveValue(/^p\d+$/);

    // the staging burst: ≥ 32 anomalous mydnsserver.live points within about a minute
    const table = page.getByRole('table', { name: 'Timeline points' });
    const burst = table.locator('tbody tr[data-validity="anomalous"]').filter({ hasText: 'mydnsserver.live' });
    await expect.poll(() => burst.count()).toBeGreaterThanOrEqual(32);
    const times = (await burst.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-time'))))).sort((a, b) => a - b);
    const first = times[0] ?? 0;
    const within = times.filter((t) => t - first <= 75_000);
    expect(within.length).toBeGreaterThanOrEqual(32);
    const chart = page.getByRole('figure', { name: 'Queries over time by domain' });
    // the special points (anomalous diamonds, evidence rings) are elements; the rest are on the canvas
    await expect(chart.locator('.timeline-marks g[data-row] path').first()).toBeVisible();
    await expect(chart.locator('canvas[data-drawn]')).toHaveAttribute('data-drawn', /^[1-9]\d*$/);
    await dash.attachScreenshot(testInfo, 'timeline-dns-stager');

    // a chart point opens its event
    await chart.locator('.timeline-marks g[data-row] path').first().click();
    const event = page.getByRole('region', { name: 'Timeline event' });
    await expect(event).toContainText(/cloud-srv-\d+\.test\.mydnsserver\.live/);
    await page.getByRole('button', { name: 'Close event' }).click();
    await expect(event).toBeHidden();

    // Enter on a point in the table opens it too
    const last = burst.last().getByRole('button');
    await last.focus();
    await page.keyboard.press('Enter');
    await expect(event).toContainText(/cloud-srv-\d+\.test\.mydnsserver\.live/);
    await expect(event).toContainText(STAGER);
    await dash.attachScreenshot(testInfo, 'timeline-event', event);

    // zoom by keys on the chart, then reset
    const plot = page.getByRole('application', { name: /Timeline chart/ });
    await plot.focus();
    await page.keyboard.press('+');
    await page.keyboard.press('0');

    // the picker: search narrows the select; hosts are there too
    await page.getByLabel('Search processes and hosts').fill('WS017');
    const select = page.getByLabel('Process or host');
    await select.selectOption({ label: 'WS017.corp.northwind.local' });
    expect(dash.urlParams().get('ent')).toMatch(/^h\d+$/);
    await expect(page.getByRole('heading', { name: /^Timeline:/ })).toContainText('WS017.corp.northwind.local');
    await expect.poll(() => burst.count()).toBeGreaterThanOrEqual(32);

    // an ordinary point, drawn on the canvas: hovering shows it, a click opens its event
    const target = await ordinaryPoint(page);
    const box = await chart.locator('canvas[data-drawn]').boundingBox();
    if (!box) throw new Error('no canvas');
    const x = box.x + target.x;
    const y = box.y + target.y;
    expect(await page.evaluate(([px, py]) => document.elementFromPoint(px ?? 0, py ?? 0)?.closest('[data-row]') ?? null, [x, y])).toBeNull();
    // its dot is painted on the canvas there, opaque, in the colour of its status (NOERROR);
    // the canvas's corner, outside the plot, is left clear
    const pixelAt = (cx: number, cy: number) =>
      chart.locator('canvas[data-drawn]').evaluate((c: HTMLCanvasElement, [px, py]) => {
        const dpr = c.width / c.clientWidth;
        return Array.from(c.getContext('2d')?.getImageData(Math.round((px ?? 0) * dpr), Math.round((py ?? 0) * dpr), 1, 1).data ?? []);
      }, [cx, cy]);
    const ok = await page.evaluate(() => {
      const probe = document.createElement('canvas').getContext('2d');
      if (!probe) return [];
      probe.fillStyle = getComputedStyle(document.documentElement).getPropertyValue('--series-ok').trim() || '#000';
      probe.fillRect(0, 0, 1, 1);
      return Array.from(probe.getImageData(0, 0, 1, 1).data);
    });
    expect(await pixelAt(target.x, target.y)).toEqual(ok);
    expect(await pixelAt(0, 0)).toEqual([0, 0, 0, 0]);
    await page.mouse.move(x, y);
    const tip = chart.getByRole('tooltip');
    await expect(tip).toContainText(target.domain);
    const shownTime = isoUtcOf(await tip.locator('div').first().textContent());
    await page.mouse.click(x, y);
    await expect(event).toContainText(target.domain);
    await expect(event).toContainText(shownTime);
    await expect(tip).toContainText(target.domain); // opening the event does not redraw the chart
  });
});

/** "2024-03-05 13:04:05.250 UTC" → "2024-03-05T13:04:05.250Z" (the event's Time (UTC)) */
const isoUtcOf = (shown: string | null) => new Date((shown ?? '').replace(' UTC', 'Z').replace(' ', 'T')).toISOString();

/**
 * Where an ordinary point (answer ok, NOERROR, no finding) is drawn, px from the canvas's top left:
 * one of a domain with no special point, placed with the chart's own scales.
 */
async function ordinaryPoint(page: Page): Promise<{ x: number; y: number; domain: string }> {
  const chart = page.getByRole('figure', { name: 'Queries over time by domain' });
  const axis = await chart.locator('.timeline-y-tick').allTextContents();
  const [lo, hi] = ((await chart.getByRole('group', { name: 'Zoom and pan' }).locator('.muted').textContent()) ?? '').split(' → ').map((t) => Date.parse(isoUtcOf(t)));
  const rows = await page
    .getByRole('table', { name: 'Timeline points' })
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => ({ time: Number(tr.getAttribute('data-time')), validity: tr.getAttribute('data-validity'), domain: tr.children[1]?.textContent ?? '', status: tr.children[2]?.textContent ?? '', findings: tr.children[4]?.textContent ?? '' })));
  // a domain whose points are all ordinary answers, NOERROR (so its dots are all of that colour)
  const special = new Set(rows.filter((r) => r.validity === 'anomalous' || r.findings !== '' || r.status !== 'NOERROR').map((r) => r.domain));
  const pick = rows.find((r) => !special.has(r.domain) && axis.includes(r.domain));
  const box = await chart.locator('canvas[data-drawn]').boundingBox();
  if (!pick || lo === undefined || hi === undefined || !box) throw new Error('no ordinary point on the chart');
  const plot = plotArea(box.width, box.height, { lo, hi }, axis.length);
  return { x: xOf(plot, pick.time), y: yOf(plot, axis.indexOf(pick.domain)), domain: pick.domain };
}
