import { defaultStackOptions, parseStackOptions, StackUsageError } from './stack-options';

describe('stack:up options', () => {
  it('starts every service once, on the usual ports, with its own catcher, when none is given', () => {
    expect(parseStackOptions([])).toEqual(defaultStackOptions);
    expect(defaultStackOptions).toMatchObject({
      replicas: 1,
      ports: 'default',
      smtp: 'catcher',
      topics: 'create',
    });
    expect(defaultStackOptions.services).toEqual([
      'tickets',
      'contacts',
      'sla-monitor',
      'notifications',
      'releases',
    ]);
  });

  it('reads each option, as --flag value or --flag=value', () => {
    expect(
      parseStackOptions([
        '--replicas',
        '2',
        '--ports=free',
        '--smtp',
        'smtp://127.0.0.1:1025',
        '--name=e2e_kill',
        '--services',
        'tickets,notifications',
        '--topics',
        'services',
        '--jwt-secret',
        'a-secret-of-at-least-thirty-two-chars',
      ]),
    ).toEqual({
      replicas: 2,
      ports: 'free',
      smtp: 'smtp://127.0.0.1:1025',
      name: 'e2e_kill',
      services: ['tickets', 'notifications'],
      topics: 'services',
      jwtSecret: 'a-secret-of-at-least-thirty-two-chars',
    });
    expect(parseStackOptions(['--ports', '4000']).ports).toBe(4000);
  });

  it('lists every wrong option at once and starts nothing', () => {
    let error: unknown;
    try {
      parseStackOptions([
        '--replicas',
        '0',
        '--ports',
        'any',
        '--name',
        'Bad-Name',
        '--services',
        'tickets,billing',
        '--verbose',
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StackUsageError);
    expect((error as StackUsageError).problems).toEqual([
      '--replicas must be a whole number from 1 to 9, not "0"',
      '--ports must be default, free or a base port from 1024 to 65000, not "any"',
      '--name must be lower-case letters, digits or _ (a database name), not "Bad-Name"',
      '--services must list some of tickets, contacts, sla-monitor, notifications, releases; unknown: billing',
      'unknown option "--verbose"',
    ]);
  });

  it('refuses a short shared secret and an SMTP server that is no URL', () => {
    expect(() => parseStackOptions(['--jwt-secret', 'short', '--smtp', 'mail.example.com'])).toThrow(
      'stack: --jwt-secret must be at least 32 characters; --smtp must be catcher or an smtp:// or smtps:// URL, not "mail.example.com"',
    );
  });
});
