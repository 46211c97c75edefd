/**
 * Issue 4, as required: in Debian's Chromium, a real Sysmon sample and a generated DNSStager hunt
 * go in through the file input; the DNSStager suspect is listed with its process, its timeline
 * shows the staging burst, its evidence rows and reassembled payload open; a keyboard-only path
 * leads from upload to evidence; every view is attached to the report as a screenshot.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { DashboardPage } from './support/dashboard-page';
import { writeDnsStagerHunt } from './support/dnsstager-hunt';
import { field, parseHashes, readSysmonJsonl } from './support/sysmon-records';
import { expect, sample, test, type UploadPage } from './support/upload-page';

const SYSMON_JSONL = 'OTRF-Security-Datasets__ALL_sysmon_eid22__derived.jsonl';
const SYSMON_EVENTS = 2038;
const LOG4SHELL = 'OTRF-Security-Datasets__sysmon_log4shell_cve2021_44228_java_serialized_object_2022-05-13045800.json';
const MAVINJECT = 'OTRF-Security-Datasets__psh_mavinject_dll_notepad_2020-10-2121410529.json';
const HUNT_NAME = 'dnsstager-hunt.csv';

const count = (n: number) => n.toLocaleString('en-US');
const baseName = (image: string) => image.split('\\').pop() ?? image;
const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

/** The `<dd>` after the `<dt>` named `label` inside `scope`. */
function fact(scope: Locator, label: string): Locator {
  return scope.locator('dt').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
}

function suspectsTable(page: Page): Locator {
  return page.getByRole('table', { name: /Suspects by score/ });
}

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { max = 40, back = false }: { max?: number; back?: boolean } = {}): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await target.evaluate((el) => el === document.activeElement)) {
      test.info().annotations.push({ type: 'keyboard', description: `${i} × ${back ? 'Shift+Tab' : 'Tab'} to ${String(target)}` });
      return i;
    }
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} did not reach ${String(target)} in ${max} presses`);
}

/** Presses `key` until `target` has focus; fails after `max` presses. */
async function pressUntilFocused(page: Page, key: string, target: Locator, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

/** Focus is on `target`, matches :focus-visible and draws an outline a sighted keyboard user sees. */
async function expectVisibleFocus(target: Locator): Promise<void> {
  await expect(target).toBeFocused();
  const ring = await target.evaluate((el) => {
    // a visually hidden file input shows its focus on the label after it
    const shown = el instanceof HTMLInputElement && el.type === 'file' ? el.nextElementSibling : el;
    const style = shown ? getComputedStyle(shown) : null;
    return { focusVisible: el.matches(':focus-visible'), outline: style?.outlineStyle ?? 'none', width: style?.outlineWidth ?? '0px' };
  });
  expect(ring.focusVisible, 'focus is :focus-visible').toBe(true);
  expect(ring.outline, 'focus draws an outline').not.toBe('none');
  expect(parseFloat(ring.width)).toBeGreaterThan(0);
}

async function expectBothCards(up: UploadPage, huntRows: number): Promise<void> {
  await expect(up.fact(HUNT_NAME, 'Format')).toHaveText('Sysmon DNS (Splunk CSV)');
  await expect(up.fact(HUNT_NAME, 'DNS events')).toHaveText(count(huntRows));
  await expect(up.fact(HUNT_NAME, 'Skipped rows')).toHaveText('0');
  await expect(up.fact(SYSMON_JSONL, 'Format')).toContainText('Sysmon DNS (JSON');
  await expect(up.fact(SYSMON_JSONL, 'DNS events')).toHaveText(count(SYSMON_EVENTS));
  await expect(up.status).toHaveText(`${count(huntRows + SYSMON_EVENTS)} DNS events loaded from 2 of 2 files.`);
}

test.describe('issue 4: a real Sysmon sample and a generated DNSStager hunt through the file input', () => {
  test('the DNSStager suspect: process, severity, evidence rows, staging burst on its timeline, reassembled payload; a screenshot of each view', async ({ uploadPage: up, page }, testInfo) => {
    test.setTimeout(120_000);
    const real = sample(SYSMON_JSONL);
    const hunt = await writeDnsStagerHunt(testInfo.outputPath(HUNT_NAME));
    const { stager, details } = hunt;
    const image = stager.process;
    const exe = baseName(image);
    const dash = new DashboardPage(page);
    /** the selected view's panel, for the screenshots */
    const view = page.getByRole('tabpanel');

    // upload: both files at once through the real <input type=file>
    await up.fileInput.setInputFiles([hunt.file, real]);
    await expectBothCards(up, hunt.manifest.rows);
    await expect(up.fact(HUNT_NAME, 'SHA-256')).toHaveText(await sha256(hunt.file));
    await expect(up.fact(SYSMON_JSONL, 'SHA-256')).toHaveText(await sha256(real));
    const card = up.card(HUNT_NAME);
    await card.getByText(/^Detector coverage: \d+ of \d+ detectors can run$/).click();
    const coverage = card.getByRole('list', { name: 'Detector coverage' });
    await expect(coverage.getByRole('listitem').filter({ hasText: 'sequential-label-staging' })).toContainText('can run');
    await expect(coverage.getByRole('listitem').filter({ hasText: 'payload-reassembly' })).toContainText('can run');
    await dash.attachScreenshot(testInfo, '1-upload-coverage', page.getByRole('region', { name: 'Log files', exact: true }));

    // overview of both files together
    await expect(dash.tab('Overview')).toHaveAttribute('aria-selected', 'true');
    await expect(dash.statValue('events')).toHaveText(count(hunt.manifest.rows + SYSMON_EVENTS));
    await expect(dash.chart.locator('.volume-bars path').first()).toBeVisible();
    await expect(dash.statValue('suspects')).not.toHaveText('0');
    await expect(dash.topList('Top hosts').getByRole('button', { name: /^Filter by host MKT01\.pandalab\.com / })).toBeVisible();
    await dash.attachScreenshot(testInfo, '2-overview', view);

    // suspects: the stager is listed with its process image, host and a severity
    await dash.tab('Suspects').click();
    const row = suspectsTable(page).getByRole('row').filter({ hasText: exe });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell').nth(2)).toContainText(image);
    // a stager whose answers rebuild an x64 prologue is no low-severity curiosity
    await expect(row.getByRole('cell').nth(1)).toHaveText(/^(critical|high)$/i);
    await expect(row.getByRole('cell').nth(3)).toContainText(/staging|reassembl/i);
    await expect(row.getByRole('cell').nth(4)).toContainText(stager.computer);
    await dash.attachScreenshot(testInfo, '3-suspects', view);

    // its evidence: the finding's rows in the virtualised table, raw values, a row's detail
    await row.click();
    await expect(row).toHaveAttribute('aria-current', 'true');
    const evidence = page.getByRole('region', { name: /^Evidence:/ });
    await expect(evidence.getByRole('heading')).toContainText(image);
    await expect(dash.evidence).not.toHaveAttribute('aria-rowcount', '1');
    const total = Number(await dash.evidence.getAttribute('aria-rowcount')) - 1;
    expect(total).toBeGreaterThanOrEqual(details.records);
    const qnames = dash.evidence.getByRole('row').filter({ hasText: new RegExp(`${details.prefix}\\d+\\.${stager.zone?.replace(/\./g, '\\.')}`) });
    await expect(qnames.first()).toBeVisible();
    await expect(qnames.first()).toContainText(image);
    await expect(qnames.first()).toContainText('AAAA');
    await expect(qnames.first()).toContainText(`${HUNT_NAME}:`);
    await qnames.first().click();
    const detail = evidence.getByRole('region', { name: new RegExp(`^Event at ${HUNT_NAME}:\\d+$`) });
    await expect(detail).toBeVisible();
    await expect(fact(detail, 'Process')).toHaveText(image);
    await expect(fact(detail, 'Host')).toHaveText(stager.computer);
    await expect(fact(detail, 'Query name \\(raw\\)')).toHaveText(new RegExp(`^${details.prefix}\\d+\\.`));
    await dash.attachScreenshot(testInfo, '4-evidence', view);

    // "Show in timeline": the staging burst, many anomalous AAAA points for the stager domain within a minute
    await evidence.getByRole('link', { name: /^Show in timeline/ }).first().click();
    await expect(dash.tab('Timeline')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { name: /^Timeline:/ })).toContainText(image);
    const points = page.getByRole('table', { name: 'Timeline points' });
    const burst = points.locator('tbody tr[data-validity="anomalous"]').filter({ hasText: stager.domain });
    await expect.poll(() => burst.count()).toBeGreaterThanOrEqual(details.records);
    const times = (await burst.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-time'))))).sort((a, b) => a - b);
    const first = times[0] ?? Number.NaN;
    expect(times.filter((t) => t - first <= 60_000).length).toBeGreaterThanOrEqual(details.records);
    expect(first).toBeGreaterThanOrEqual(Date.parse(stager.firstTime ?? ''));
    expect(times.at(-1)).toBeLessThanOrEqual(Date.parse(stager.lastTime ?? ''));
    const chart = page.getByRole('figure', { name: 'Queries over time by domain' });
    await expect(chart.locator('.timeline-marks g[data-row] path').first()).toBeVisible();
    await burst.first().getByRole('button').click();
    const event = page.getByRole('region', { name: 'Timeline event' });
    await expect(fact(event, 'Type')).toHaveText('AAAA (28)');
    await expect(fact(event, 'Query name \\(raw\\)')).toHaveText(stager.qnames[0] ?? '');
    await dash.attachScreenshot(testInfo, '5-timeline', view);

    // the process page
    await page.getByRole('link', { name: `Process page: ${image}` }).first().click();
    await expect(dash.tab('Entity')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { name: /^Process:/ })).toContainText(image);
    await expect(page.getByRole('status').filter({ hasText: /quer(y|ies) ·/ })).toContainText(`${count(stager.rows)} queries`);
    const stagerDomain = page.getByRole('region', { name: /^Top domains/ }).getByRole('row').filter({ hasText: stager.domain });
    await expect(stagerDomain).toHaveCount(1);
    await expect(stagerDomain.getByRole('cell').last()).toHaveText(count(stager.rows));
    await dash.attachScreenshot(testInfo, '6-entity-process', view);

    // the domain page: the payload rebuilt from the AAAA answers is the one the generator encoded (its padding dropped)
    await stagerDomain.getByRole('link', { name: `Domain page: ${stager.domain}` }).click();
    await expect(page.getByRole('heading', { name: /^Domain:/ })).toContainText(stager.domain);
    const payload = page.getByRole('region', { name: 'Reassembled payload' });
    await expect(fact(payload, 'Signature')).toHaveText(details.signature);
    await expect(fact(payload, 'sha256')).toHaveText(details.payloadSha256);
    await expect(fact(payload, 'Size')).toHaveText(`${count(details.payloadBytes)} bytes`);
    const button = payload.getByRole('button', { name: `Download payload (${count(details.payloadBytes)} bytes)` });
    await expect(button).toBeVisible();
    await dash.attachScreenshot(testInfo, '7-entity-domain', view);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(await sha256(await download.path())).toBe(details.payloadSha256);
  });

  test('keyboard only: from the upload control to a DNSStager evidence row and its detail, then to its timeline and process page without losing focus', async ({ uploadPage: up, page }, testInfo) => {
    test.setTimeout(120_000);
    const real = sample(SYSMON_JSONL);
    const hunt = await writeDnsStagerHunt(testInfo.outputPath(HUNT_NAME));
    const exe = baseName(hunt.stager.process);
    const dash = new DashboardPage(page);

    // Tab to "Choose log files"; Enter opens the file chooser (the OS dialog), where the files are picked.
    // (Listening before the first key press lets Playwright intercept the dialog in time.)
    const chooser = page.waitForEvent('filechooser', { timeout: 15_000 });
    await tabTo(page, up.fileInput, { max: 5 });
    await expectVisibleFocus(up.fileInput);
    await page.keyboard.press('Enter');
    const dialog = await chooser;
    expect(dialog.isMultiple()).toBe(true);
    await dialog.setFiles([hunt.file, real]);
    await expectBothCards(up, hunt.manifest.rows);

    // on to the views: the tab list is one Tab stop, the arrow keys choose a view
    await tabTo(page, dash.tab('Overview'));
    await expectVisibleFocus(dash.tab('Overview'));
    await page.keyboard.press('ArrowRight');
    await expect(dash.tab('Suspects')).toHaveAttribute('aria-selected', 'true');
    await expectVisibleFocus(dash.tab('Suspects'));

    // the suspects table is one Tab stop; the arrows reach the stager, Enter opens its evidence
    const rows = suspectsTable(page).locator('tbody tr');
    await tabTo(page, rows.first());
    await expectVisibleFocus(rows.first());
    await page.keyboard.press('ArrowDown');
    await expectVisibleFocus(rows.nth(1));
    await page.keyboard.press('ArrowUp');
    await expect(rows.first()).toBeFocused();
    const stager = rows.filter({ hasText: exe });
    await pressUntilFocused(page, 'ArrowDown', stager);
    await expectVisibleFocus(stager);
    await page.keyboard.press('Enter');
    await expect(stager).toHaveAttribute('aria-current', 'true');
    const evidence = page.getByRole('region', { name: /^Evidence:/ });
    await expect(evidence.getByRole('heading')).toContainText(hunt.stager.process);
    await expect(stager, 'focus stays on the opened row').toBeFocused();

    // Tab into the evidence: past its links and finding chips to the virtualised table
    await expect(dash.evidence).not.toHaveAttribute('aria-rowcount', '1');
    const firstRow = dash.evidence.locator('[aria-rowindex="2"]');
    await expect(firstRow).toContainText(hunt.stager.qnames[0] ?? '');
    await tabTo(page, firstRow);
    await expectVisibleFocus(firstRow);

    // arrows move between rows, Enter shows the row's every value
    await page.keyboard.press('ArrowDown');
    const second = dash.evidence.locator('[aria-rowindex="3"]');
    await expectVisibleFocus(second);
    await page.keyboard.press('Enter');
    const detail = evidence.getByRole('region', { name: new RegExp(`^Event at ${HUNT_NAME}:\\d+$`) });
    await expect(detail).toBeVisible();
    await expect(second).toHaveAttribute('aria-current', 'true');
    await expect(fact(detail, 'Query name \\(raw\\)')).toHaveText(hunt.stager.qnames[1] ?? '');
    await expect(fact(detail, 'Process')).toHaveText(hunt.stager.process);
    await expect(second, 'focus stays on the opened row').toBeFocused();

    // End reaches the last row of the finding; Shift+Tab leaves the table backwards
    const total = Number(await dash.evidence.getAttribute('aria-rowcount')) - 1;
    await page.keyboard.press('End');
    await expectVisibleFocus(dash.evidence.locator(`[aria-rowindex="${total + 1}"]`));
    await page.keyboard.press('Shift+Tab');
    await expectVisibleFocus(evidence.getByRole('checkbox', { name: /^Show every row of the finding/ }));
    await dash.attachScreenshot(testInfo, 'keyboard-evidence-detail', page.getByRole('tabpanel'));

    // back to "Show in timeline": Enter switches the view, and focus stays in the view (not lost to <body>)
    const panel = page.getByRole('tabpanel');
    await tabTo(page, evidence.getByRole('link', { name: /^Show in timeline/ }).first(), { back: true });
    await page.keyboard.press('Enter');
    await expect(dash.tab('Timeline')).toHaveAttribute('aria-selected', 'true');
    await expectVisibleFocus(panel);
    await expect(page.getByRole('heading', { name: /^Timeline:/ })).toContainText(hunt.stager.process);
    await page.keyboard.press('Tab');
    await expectVisibleFocus(page.getByLabel('Search processes and hosts'));

    // on to the process page by its link; again focus stays in the view
    await tabTo(page, page.getByRole('link', { name: `Process page: ${hunt.stager.process}` }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: /^Process:/ })).toContainText(hunt.stager.process);
    await expectVisibleFocus(panel);
  });

  test('process facts from real Sysmon 1/7/11 records beside EID 22: hashes, signature status and command line as in the files', async ({ uploadPage: up, page }, testInfo) => {
    const files = [sample(LOG4SHELL), sample(MAVINJECT)];
    const expected = files.flatMap((f) => expectedFacts(f, POWERSHELL));
    // the samples must hold what this test is about: a querying process with EID 1 hashes and an EID 7 signature
    expect(expected.some((f) => f.hashes['SHA256'] && f.commandLine && f.signatureStatus)).toBe(true);
    expect(expected.some((f) => f.createdFiles.length > 0)).toBe(true);
    const dash = new DashboardPage(page);

    await up.fileInput.setInputFiles(files);
    for (const file of files) {
      const name = path.basename(file);
      const records = readSysmonJsonl(file);
      await expect(up.fact(name, 'Format')).toContainText('Sysmon DNS (JSON');
      await expect(up.fact(name, 'DNS events')).toHaveText(count(records.filter((r) => r.eventId === 22).length));
      await expect(up.fact(name, 'Process facts')).toHaveText(count(records.filter((r) => [1, 7, 11].includes(r.eventId)).length));
    }

    // the timeline's picker leads to the process page of powershell.exe
    await dash.tab('Timeline').click();
    await page.getByLabel('Search processes and hosts').fill('powershell');
    await page.getByLabel('Process or host').selectOption({ label: POWERSHELL });
    await page.getByRole('link', { name: `Process page: ${POWERSHELL}` }).click();
    await expect(dash.tab('Entity')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { name: /^Process:/ })).toContainText(POWERSHELL);
    const header = page.locator('.entity-header');
    for (const f of expected) await expect(fact(header, 'ProcessGuids')).toContainText(f.guid, { ignoreCase: true });

    for (const f of expected) {
      const facts = page.getByRole('region', { name: new RegExp(`^Process ${f.guid.replace(/[{}]/g, '\\$&')}$`, 'i') });
      await expect(fact(facts, 'PID')).toHaveText(f.pid);
      await expect(fact(facts, 'Command line')).toHaveText(f.commandLine || '—');
      await expect(fact(facts, 'Parent image')).toHaveText(f.parentImage || '—');
      await expect(fact(facts, 'Company')).toHaveText(f.company || '—');
      await expect(fact(facts, 'Signed')).toHaveText(f.signed);
      await expect(fact(facts, 'Signature')).toHaveText(f.signature || '—');
      await expect(fact(facts, 'Signature status')).toHaveText(f.signatureStatus || '—');
      for (const [alg, value] of Object.entries(f.hashes)) await expect(fact(facts, alg)).toHaveText(value);
      await expect(fact(facts, 'Created files')).toHaveText(f.createdFiles.join('\n') || '—');
    }
    await dash.attachScreenshot(testInfo, 'entity-process-facts', page.getByRole('tabpanel'));
  });
});

const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

interface ExpectedFacts {
  guid: string;
  pid: string;
  commandLine: string;
  parentImage: string;
  company: string;
  signed: 'yes' | 'no' | 'unknown';
  signature: string;
  signatureStatus: string;
  hashes: Record<string, string>;
  createdFiles: string[];
}

/**
 * What the process page must show for each ProcessGuid of `image` that made a DNS query in `file`,
 * read straight from the file: EID 1 (command line, parent, company, hashes), the EID 7 that loads
 * the image itself (signature) and EID 11 (created files).
 */
function expectedFacts(file: string, image: string): ExpectedFacts[] {
  const records = readSysmonJsonl(file);
  const guids = [...new Set(records.filter((r) => r.eventId === 22 && field(r, 'Image') === image).map((r) => field(r, 'ProcessGuid')))];
  return guids.map((guid) => {
    const mine = records.filter((r) => field(r, 'ProcessGuid') === guid);
    const create = mine.find((r) => r.eventId === 1);
    const load = mine.find((r) => r.eventId === 7 && field(r, 'ImageLoaded').toLowerCase() === image.toLowerCase());
    const signed = load ? field(load, 'Signed') : '';
    return {
      guid,
      pid: mine[0] ? field(mine[0], 'ProcessId') : '',
      commandLine: create ? field(create, 'CommandLine') : '',
      parentImage: create ? field(create, 'ParentImage') : '',
      company: create ? field(create, 'Company') : '',
      signed: signed === 'true' ? 'yes' : signed === 'false' ? 'no' : 'unknown',
      signature: load ? field(load, 'Signature') : '',
      signatureStatus: load ? field(load, 'SignatureStatus') : '',
      hashes: { ...parseHashes(load ? field(load, 'Hashes') : ''), ...parseHashes(create ? field(create, 'Hashes') : '') },
      createdFiles: mine.filter((r) => r.eventId === 11).map((r) => field(r, 'TargetFilename')),
    };
  });
}
