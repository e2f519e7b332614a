/**
 * The words for a stored access token's expiry in Settings, pure. The core reads the expiry from
 * the token itself (a Dhan access token is a JWT; its `exp` claim, electron/core/jwt-expiry.ts): the
 * renderer only ever sees the date.
 *
 * Source: issue 5, "Settings" (the renderer only learns whether credentials are set and when they
 * expire). Times in IST.
 */
import { formatIstDateTime } from '../../../shared/format';
import type { CredentialStatus } from '../../../shared/ipc/contract';

/**
 * `21 Nov 2026 08:00:00 IST`, with `(expired)` once past; `unknown (not in the token)` when a token
 * is stored but carries no readable expiry; `—` when none is stored. `nowMs` epoch ms.
 */
export function credentialExpiryText(status: CredentialStatus | null, nowMs: number): string {
  if (status === null || !status.present) return '—';
  if (status.expiresAtMs === null) return 'unknown (not in the token)';
  const at = `${formatIstDateTime(status.expiresAtMs)} IST`;
  return status.expiresAtMs <= nowMs ? `${at} (expired)` : at;
}

/** What to tell the user right after storing: when the token expires, or that it already has. */
export function storedMessage(status: CredentialStatus, nowMs: number): { readonly message: string; readonly tone: 'good' | 'bad' } {
  if (status.expiresAtMs === null) return { message: 'Dhan credentials stored in the vault.', tone: 'good' };
  const at = `${formatIstDateTime(status.expiresAtMs)} IST`;
  return status.expiresAtMs <= nowMs
    ? { message: `Dhan credentials stored, but this access token expired at ${at}: generate a new one on Dhan's web site.`, tone: 'bad' }
    : { message: `Dhan credentials stored in the vault; the access token is valid until ${at}.`, tone: 'good' };
}
