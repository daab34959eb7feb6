import { describe, expect, it } from 'vitest';
import { hostNameOf, hostRuleFor, isHostAllowed, isOpenToAnyHost } from './hosts.js';

describe('allowed hosts (SPEC: Access, --allowed-hosts)', () => {
  it('defaults to the loopback names when bound to localhost, 127.0.0.1 or ::1', () => {
    for (const bound of ['localhost', '127.0.0.1', '::1', '[::1]']) {
      const rule = hostRuleFor(bound, []);
      for (const host of ['localhost:1234', '127.0.0.1:1234', '[::1]:1234', 'LOCALHOST', 'localhost.:80']) {
        expect(isHostAllowed(host, rule)).toBe(true);
      }
      expect(isHostAllowed('attacker.example:1234', rule)).toBe(false);
      expect(isHostAllowed('localhost.attacker.example', rule)).toBe(false);
    }
  });

  it('defaults to the bound name itself, and to any host when bound to every interface (with a warning)', () => {
    expect(isHostAllowed('quire.internal:8080', hostRuleFor('quire.internal', []))).toBe(true);
    expect(isHostAllowed('localhost:8080', hostRuleFor('quire.internal', []))).toBe(false);
    expect(isHostAllowed('10.0.0.7:8080', hostRuleFor('10.0.0.7', []))).toBe(true);
    for (const everywhere of ['0.0.0.0', '::']) {
      expect(isHostAllowed('anything.example', hostRuleFor(everywhere, []))).toBe(true);
      expect(isOpenToAnyHost(everywhere, [])).toBe(true);
    }
    expect(isOpenToAnyHost('0.0.0.0', ['quire.example.com'])).toBe(false);
    expect(isOpenToAnyHost('localhost', [])).toBe(false);
  });

  it('--allowed-hosts replaces the default; * allows any host', () => {
    const rule = hostRuleFor('0.0.0.0', ['quire.example.com', '[::1]']);
    expect(isHostAllowed('quire.example.com:443', rule)).toBe(true);
    expect(isHostAllowed('[::1]:1234', rule)).toBe(true);
    expect(isHostAllowed('127.0.0.1:1234', rule)).toBe(false);
    expect(isHostAllowed(undefined, rule)).toBe(false);
    expect(isHostAllowed('evil.example', hostRuleFor('localhost', ['*']))).toBe(true);
  });

  it('reads the name from a Host header, IPv6 brackets and ports included', () => {
    expect(hostNameOf('[::1]:1234')).toBe('[::1]');
    expect(hostNameOf('Example.COM.:80')).toBe('example.com');
    expect(hostNameOf('127.0.0.1')).toBe('127.0.0.1');
    expect(hostNameOf('')).toBeUndefined();
    expect(hostNameOf('a:b:c')).toBeUndefined();
  });
});
