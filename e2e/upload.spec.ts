import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { expect, sample, test } from './support/upload-page';
import { FIRST_DATA_LINE, writeLargeZeekLog, zeekLog, zeekRow } from './support/zeek-fixture';

const SYSMON_JSONL = 'OTRF-Security-Datasets__ALL_sysmon_eid22__derived.jsonl';
const ZEEK_TSV = 'activecm-rita__test_data_proxy__dns.log';
const SYSMON_XML = 'sbousseaden-EVTX-ATTACK-SAMPLES__Privilege_Escalation_Sysmon_UACME_64__evtxexport_derived.xml';

test.describe('upload', () => {
  test('a Sysmon JSON export chosen with the keyboard-reachable file input shows its summary', async ({ uploadPage: up, page }) => {
    const file = sample(SYSMON_JSONL);
    await expect(page.getByText('Files are parsed in your browser; nothing is uploaded.')).toBeVisible();

    // the header's theme switch comes first, then the file input
    await page.keyboard.press('Tab');
    await expect(page.getByRole('switch', { name: 'Dark theme' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(up.fileInput).toBeFocused();

    await up.fileInput.setInputFiles(file);
    await expect(up.fact(SYSMON_JSONL, 'Format')).toContainText('Sysmon DNS (JSON');
    await expect(up.fact(SYSMON_JSONL, 'DNS events')).toHaveText('2,038');
    await expect(up.fact(SYSMON_JSONL, 'Time range')).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC → \d{4}-/);
    await expect(up.fact(SYSMON_JSONL, 'Time range')).toContainText('Time basis:');
    await expect(up.fact(SYSMON_JSONL, 'Status mix')).toContainText('NOERROR');
    await expect(up.status).toHaveText('2,038 DNS events loaded from 1 of 1 file.');
    // hashed in a worker beside the parse: the digest of the exact bytes chosen
    const sha256 = createHash('sha256').update(await readFile(file)).digest('hex');
    await expect(up.fact(SYSMON_JSONL, 'SHA-256')).toHaveText(sha256);
  });

  test('two files chosen at once each get a card', async ({ uploadPage: up }) => {
    const zeek = sample(ZEEK_TSV);
    const xml = sample(SYSMON_XML);
    await up.fileInput.setInputFiles([zeek, xml]);

    await expect(up.fact(ZEEK_TSV, 'Format')).toHaveText('Zeek dns.log (TSV)');
    await expect(up.fact(ZEEK_TSV, 'DNS events')).toHaveText('942');
    await expect(up.fact(SYSMON_XML, 'Format')).toHaveText('Sysmon DNS (XML)');
    await expect(up.fact(SYSMON_XML, 'DNS events')).toHaveText('1');
    await expect(up.fact(SYSMON_XML, 'Other records')).toContainText('Sysmon');
    await expect(up.status).toHaveText('943 DNS events loaded from 2 of 2 files.');
  });

  test('garbage between good rows is skipped with its line and reason; the good rows stay', async ({ uploadPage: up }, testInfo) => {
    const name = 'zeek-with-garbage.log';
    const file = testInfo.outputPath(name);
    const garbageLine = FIRST_DATA_LINE + 2;
    await writeFile(file, zeekLog([zeekRow(0), zeekRow(1), 'this row is <b>garbage</b>', zeekRow(2), zeekRow(3)]));

    await up.fileInput.setInputFiles(file);
    await expect(up.fact(name, 'DNS events')).toHaveText('4');
    await expect(up.fact(name, 'Skipped rows')).toHaveText('1');

    const reasons = up.card(name).getByRole('listitem');
    await expect(reasons).toBeHidden();
    await up.card(name).getByText('1 skipped row').click();
    await expect(reasons).toHaveCount(1);
    await expect(reasons.first()).toContainText(`line ${garbageLine}:`);
  });

  test('a file in no supported format is named in an alert listing the supported formats', async ({ uploadPage: up }, testInfo) => {
    const name = 'notes.txt';
    const file = testInfo.outputPath(name);
    await writeFile(file, 'Meeting notes\n<script>alert(1)</script> is not a DNS log\n');

    await up.fileInput.setInputFiles(file);
    const alert = up.card(name).getByRole('alert');
    await expect(alert).toContainText(`Could not read ${name}`);
    await expect(alert).toContainText('Unrecognised format');
    await expect(alert).toContainText('Supported formats:');
    await expect(alert).toContainText('Zeek dns.log (TSV)');
    await expect(alert).toContainText('Sysmon DNS (XML)');
  });

  test('a file dropped on the drop zone is read like a chosen one', async ({ uploadPage: up, page }) => {
    const name = 'dropped-dns.log';
    const dataTransfer = await page.evaluateHandle(
      ({ text, fileName }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], fileName, { type: 'text/plain' }));
        return dt;
      },
      { text: zeekLog([zeekRow(0), zeekRow(1), zeekRow(2)]), fileName: name },
    );

    await up.dropZone.dispatchEvent('dragenter', { dataTransfer });
    await up.dropZone.dispatchEvent('dragover', { dataTransfer });
    await up.dropZone.dispatchEvent('drop', { dataTransfer });

    await expect(up.fact(name, 'Format')).toHaveText('Zeek dns.log (TSV)');
    await expect(up.fact(name, 'DNS events')).toHaveText('3');
    await expect(up.fact(name, 'Time range')).toContainText('2024-03-01 00:00:00.000 UTC → 2024-03-01 00:00:02.000 UTC');
  });

  test('a large log on a machine with 8 cores is parsed by two workers: every row, bad line and the digest as in one pass', async ({ uploadPage: up, page }, testInfo) => {
    test.slow();
    const name = 'split-dns.log';
    const file = testInfo.outputPath(name);
    // ~40 MB (the split starts at 32 MiB), a garbage row in each half at a known line
    const rows = 260_000;
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) lines.push(zeekRow(i));
    const bad = [1_000, rows - 1_000];
    for (const at of [...bad].reverse()) lines.splice(at, 0, `garbage row ${at}`);
    const text = zeekLog(lines);
    await writeFile(file, text);
    expect(text.length).toBeGreaterThan(36 * 1024 * 1024);

    // the page tells the worker its cores; this machine may have two (the split is off there)
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: 8 });
    expect(await page.evaluate(() => navigator.hardwareConcurrency)).toBe(8);
    const workers: string[] = [];
    page.on('worker', (w) => void w.evaluate(() => self.name).then((n) => workers.push(n), () => undefined));

    await up.fileInput.setInputFiles(file);
    await expect(up.fact(name, 'DNS events')).toHaveText(rows.toLocaleString('en-US'), { timeout: 120_000 });
    expect(workers).toContain('dns-hunt-part');
    await expect(up.fact(name, 'Skipped rows')).toHaveText('2');
    await up.card(name).getByText('2 skipped rows').click();
    const reasons = up.card(name).getByRole('listitem');
    await expect(reasons).toHaveCount(2);
    // line numbers of the second half count the lines of the first
    await expect(reasons.nth(0)).toContainText(`line ${FIRST_DATA_LINE + bad[0]!}:`);
    await expect(reasons.nth(1)).toContainText(`line ${FIRST_DATA_LINE + bad[1]! + 1}:`);
    await expect(up.fact(name, 'SHA-256')).toHaveText(createHash('sha256').update(text).digest('hex'));
    await expect(up.fact(name, 'Time range')).toContainText('2024-03-01 00:00:00.000 UTC → 2024-03-04 00:13:19.000 UTC');
  });

  test('a large file shows progress while it is read and Cancel drops it', async ({ uploadPage: up }, testInfo) => {
    test.slow();
    const name = 'large-dns.log';
    const file = testInfo.outputPath(name);
    await writeLargeZeekLog(file, 60 * 1024 * 1024);

    await up.fileInput.setInputFiles(file);
    const bar = up.page.getByRole('progressbar', { name: `Reading ${name}` });
    await expect(bar).toBeVisible();
    await expect.poll(() => bar.evaluate((el) => (el as HTMLProgressElement).value)).toBeGreaterThan(0);
    await expect(up.card(name)).toContainText(/\d[\d.,]* [KMG]?i?B\/s · [\d,]+ events\/s/);
    await expect(up.card(name)).toContainText(/about .+ left/);

    await up.card(name).getByRole('button', { name: `Cancel ${name}` }).click();
    await expect(up.card(name)).toContainText('Cancelled: none of its rows were kept.');
    await expect(up.card(name).getByRole('button', { name: `Cancel ${name}` })).toHaveCount(0);
    await expect(up.status).toHaveText('0 DNS events loaded from 0 of 1 file.');
  });
});
