import { describe, expect, it } from 'vitest';
import { jwtExpiryMs } from './jwt-expiry';

const b64url = (o: unknown) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o), 'utf8').toString('base64url');
const jwt = (payload: unknown) => `${b64url({ typ: 'JWT', alg: 'HS512' })}.${b64url(payload)}.c2lnbmF0dXJl`;

describe('jwtExpiryMs', () => {
  it('reads the exp claim (epoch seconds) as epoch ms', () => {
    expect(jwtExpiryMs(jwt({ iss: 'dhan', tokenConsumerType: 'SELF', exp: 1_764_300_000, dhanClientId: '1100012345' }))).toBe(1_764_300_000_000);
    // Fractional seconds are allowed by RFC 7519 (NumericDate); whole ms, rounded down.
    expect(jwtExpiryMs(jwt({ exp: 1_764_300_000.2509 }))).toBe(1_764_300_000_250);
    // Surrounding whitespace (a pasted token) and base64url characters - and _ in the payload.
    const tricky = jwt({ exp: 1_800_000_000, note: '>>>???~~~' });
    expect(b64url({ exp: 1_800_000_000, note: '>>>???~~~' })).toMatch(/[-_]/);
    expect(jwtExpiryMs(`  ${tricky}\n`)).toBe(1_800_000_000_000);
  });

  it('gives null, never throws, for anything else', () => {
    const bad = [
      '',
      'not-a-jwt',
      'a.b',
      'a.b.c.d',
      `${b64url({ typ: 'JWT' })}..sig`,
      `${b64url({ typ: 'JWT' })}.%%%.sig`,
      `${b64url({ typ: 'JWT' })}.${b64url('not json')}.sig`,
      jwt([1, 2]),
      jwt(null),
      jwt({ iat: 1_764_300_000 }),
      jwt({ exp: '1764300000' }),
      jwt({ exp: -5 }),
      jwt({ exp: 0 }),
      jwt({ exp: 1e300 }),
      'eyJ0eXAiOiJKV1QifQ.DHAN-TOKEN-never-leaves-main-7c1e',
    ];
    for (const t of bad) expect(jwtExpiryMs(t), t).toBeNull();
  });
});
