// Finding 3 of the security probe: the private-address guard's gaps (trailing dots, IPv4 embedded in IPv6).
import { describe, expect, it } from 'vitest';
import { checkProviderUrl, parseIpv6 } from '../../../worker/lib/url-guard';

const refused = (host: string) => checkProviderUrl(`https://${host}/v1`, false);

describe('finding 3: the private-address guard has no gaps', () => {
  it('refuses fully qualified names with a trailing dot', () => {
    for (const host of [
      'localhost.',
      'foo.localhost.',
      'metadata.google.internal.',
      'printer.local.',
      'nas.home.arpa.',
      '127.0.0.1.',
    ]) {
      expect(refused(host), host).toMatch(/private/);
    }
  });

  it('refuses every IPv6 form that embeds a private IPv4 address, and site-local addresses', () => {
    for (const host of [
      '[::7f00:1]',
      '[::127.0.0.1]',
      '[::ffff:127.0.0.1]',
      '[::ffff:a00:1]',
      '[64:ff9b::7f00:1]',
      '[64:ff9b::10.0.0.1]',
      '[64:ff9b:1::1]',
      '[2002:7f00:1::]',
      '[2002:c0a8:101::1]',
      '[fec0::1]',
      '[fd00::1]',
      '[fe80::1]',
      '[::1]',
      '[::]',
      '[2001:0:4136:e378::1]',
    ]) {
      expect(refused(host), host).toMatch(/private/);
    }
  });

  it('accepts public hosts, IPv6 addresses and embeddings of public IPv4 addresses', () => {
    for (const host of [
      'api.openai.com',
      'api.openai.com.',
      '8.8.8.8',
      '[2606:4700::1111]',
      '[::ffff:8.8.8.8]',
      '[64:ff9b::808:808]',
      '[2002:808:808::]',
    ]) {
      expect(refused(host), host).toBeNull();
    }
  });

  it('parses every IPv6 spelling into eight groups', () => {
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIpv6('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIpv6('::127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0, 0x7f00, 1]);
    expect(parseIpv6('64:ff9b::1.2.3.4')).toEqual([0x64, 0xff9b, 0, 0, 0, 0, 0x102, 0x304]);
    expect(parseIpv6('1:::2')).toBeNull();
    expect(parseIpv6('12345::')).toBeNull();
    expect(parseIpv6('1:2:3:4:5:6:7')).toBeNull();
  });
});
