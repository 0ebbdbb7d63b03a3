import { isLoopbackAddress, isLoopbackHost } from './loopback';

describe('loopback addresses and hosts', () => {
  it.each([
    'localhost',
    'LOCALHOST',
    '127.0.0.1',
    '127.255.0.9',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
  ])('%s is this computer', (address) => expect(isLoopbackAddress(address)).toBe(true));

  it.each([
    '0.0.0.0',
    '::',
    '10.0.0.1',
    '192.168.1.2',
    '::ffff:10.0.0.1',
    '128.0.0.1',
    'hub.example',
    'localhost.hub.example',
    '',
    undefined,
  ])('%j may be another computer', (address) => expect(isLoopbackAddress(address)).toBe(false));

  it.each(['localhost:3000', 'localhost', '127.0.0.1:3310', '[::1]:3000', '[::1]'])(
    'Host %s names this computer',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );

  it.each([
    'attacker.example',
    'attacker.example:3000',
    '127.0.0.1.nip.io:3000',
    'localhost.attacker.example',
    '::1', // not a valid Host header (an IPv6 literal needs brackets)
    '[::1]x',
    'localhost:port',
    '[2001:db8::1]:3000',
    '',
    undefined,
  ])('Host %j does not', (host) => expect(isLoopbackHost(host)).toBe(false));
});
