import { describe, expect, it } from 'vitest';
import type { CredentialStatus } from '../../../shared/ipc/contract';
import { credentialExpiryText, storedMessage } from './credential-expiry';

const NOW = Date.parse('2026-11-21T06:30:00Z'); // 12:00 IST
const st = (p: Partial<CredentialStatus>): CredentialStatus => ({ broker: 'dhan', present: true, expiresAtMs: null, backend: 'gnome_libsecret', insecureBackend: false, ...p });

describe('credential expiry words', () => {
  it('shows the date in IST, marks it expired once past, says unknown when the token has none', () => {
    expect(credentialExpiryText(null, NOW)).toBe('—');
    expect(credentialExpiryText(st({ present: false }), NOW)).toBe('—');
    expect(credentialExpiryText(st({}), NOW)).toBe('unknown (not in the token)');
    expect(credentialExpiryText(st({ expiresAtMs: Date.parse('2026-11-22T02:30:00Z') }), NOW)).toBe('22 Nov 2026 08:00:00 IST');
    expect(credentialExpiryText(st({ expiresAtMs: NOW }), NOW)).toBe('21 Nov 2026 12:00:00 IST (expired)');
  });

  it('tells, right after storing, until when the token is valid or that it has already expired', () => {
    expect(storedMessage(st({ expiresAtMs: Date.parse('2026-11-22T02:30:00Z') }), NOW)).toEqual({ message: 'Dhan credentials stored in the vault; the access token is valid until 22 Nov 2026 08:00:00 IST.', tone: 'good' });
    expect(storedMessage(st({ expiresAtMs: NOW - 60_000 }), NOW).tone).toBe('bad');
    expect(storedMessage(st({ expiresAtMs: NOW - 60_000 }), NOW).message).toMatch(/expired at 21 Nov 2026 11:59:00 IST/);
    expect(storedMessage(st({}), NOW)).toEqual({ message: 'Dhan credentials stored in the vault.', tone: 'good' });
  });
});
