import { describe, expect, it } from 'vitest';
import { isPublicName } from '../../enrich/domain';
import { imageBasename, isBrowserImage, isLocalServiceName, knownInfrastructure } from './known-domains';

describe('name classes', () => {
  it('accepts names under ICANN and private-section public suffixes', () => {
    expect(isPublicName('cdn0.fakedns.live')).toBe(true);
    expect(isPublicName('x.example.co.uk')).toBe(true);
    expect(isPublicName('evil.duckdns.org')).toBe(true);
  });

  it('rejects single labels, made-up internal TLDs, reverse zones and IP literals', () => {
    for (const n of ['wpad', 'zsvtcebybn', 'printer.local', 'zsvtcebybn.home', 'dc01.corp', 'db.lan', 'app.internal', '4.0.0.10.in-addr.arpa', '192.168.0.1', ''])
      expect(isPublicName(n), n).toBe(false);
  });

  it('recognises local helper names', () => {
    expect(isLocalServiceName('wpad')).toBe(true);
    expect(isLocalServiceName('wpad.corp.example.com')).toBe(true);
    expect(isLocalServiceName('isatap.example.com')).toBe(true);
    expect(isLocalServiceName('_ldap._tcp.dc._msdcs.example.com')).toBe(true);
    expect(isLocalServiceName('printer.local')).toBe(true);
    expect(isLocalServiceName('wpadx.example.com')).toBe(false);
  });

  it('matches well-known scheduled services at label boundaries only', () => {
    expect(knownInfrastructure('time.windows.com')).toBe('time');
    expect(knownInfrastructure('ctldl.windowsupdate.com')).toBe('update');
    expect(knownInfrastructure('1.2.3.4.avqs.mcafee.com')).toBe('security');
    expect(knownInfrastructure('umwatson.events.data.microsoft.com')).toBe('telemetry');
    expect(knownInfrastructure('eviltime.windows.com.attacker.net')).toBeNull();
    expect(knownInfrastructure('notdigicert.com')).toBeNull();
    expect(knownInfrastructure('www.microsoft.com')).toBeNull();
  });

  it('recognises browser images by basename on Windows and POSIX paths', () => {
    expect(isBrowserImage('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe')).toBe(true);
    expect(isBrowserImage('/usr/lib/firefox/firefox')).toBe(true);
    expect(isBrowserImage('C:\\Users\\a\\chrome.exe.bak')).toBe(false);
    expect(isBrowserImage('')).toBe(false);
    expect(imageBasename('C:\\Windows\\System32\\SVCHOST.EXE')).toBe('svchost.exe');
  });
});
