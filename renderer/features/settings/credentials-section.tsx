/**
 * Broker credentials: the Dhan client id and access token go to the core's vault (`vault.set`),
 * write-only. The token is read from an uncontrolled password field at the moment of sending and
 * the field is cleared right after: it is never held in React state or the store. Afterwards the
 * screen shows only `vault.status` (present, expiry, OS secret-store backend).
 *
 * Source: issue 5, "Settings" (credentials stored in the vault; the renderer only learns whether
 * they are set and when they expire); DESIGN.md "Money rules" (tokens live in the main process only).
 */
import { useEffect, useRef, useState } from 'react';
import type { Bridge, CredentialStatus } from '../../../shared/ipc/contract';
import { credentialExpiryText, storedMessage } from './credential-expiry';

/** The section; `tell` reports outcomes (toast). */
export function CredentialsSection({ bridge, tell }: { readonly bridge: Bridge; readonly tell: (m: string, tone: 'good' | 'bad') => void }) {
  const [status, setStatus] = useState<CredentialStatus | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [clientId, setClientId] = useState('');
  const [allowInsecure, setAllowInsecure] = useState(false);
  const [busy, setBusy] = useState(false);
  const tokenRef = useRef<HTMLInputElement>(null);

  const refresh = () =>
    void bridge.invoke('vault.status', { broker: 'dhan' }).then((r) => {
      if (r.ok) {
        setStatus(r.value);
        setStatusError(null);
      } else setStatusError(r.error.message);
    });
  useEffect(refresh, [bridge]);

  const store = async () => {
    const input = tokenRef.current;
    const secret = input?.value.trim() ?? '';
    if (clientId.trim() === '' || secret === '') {
      tell('Enter the Dhan client id and access token.', 'bad');
      return;
    }
    if (input) input.value = '';
    setBusy(true);
    const r = await bridge.invoke('vault.set', { broker: 'dhan', clientId: clientId.trim(), secret, allowInsecureBackend: allowInsecure });
    setBusy(false);
    if (r.ok) {
      setStatus(r.value);
      const m = storedMessage(r.value, Date.now());
      tell(m.message, m.tone);
    } else tell(`Credentials not stored: ${r.error.message}`, 'bad');
  };

  const clear = async () => {
    const r = await bridge.invoke('vault.clear', { broker: 'dhan' });
    if (r.ok) setStatus(r.value);
    else tell(`Credentials not removed: ${r.error.message}`, 'bad');
  };

  return (
    <section className="settings-section" aria-labelledby="creds-h">
      <h2 id="creds-h">Dhan credentials</h2>
      <dl className="kv" data-testid="vault-status">
        <dt>Stored</dt>
        <dd>{status === null ? (statusError ?? '…') : status.present ? 'yes' : 'no'}</dd>
        <dt>Expires</dt>
        <dd title="Read from the access token itself (its exp claim)">{credentialExpiryText(status, Date.now())}</dd>
        <dt>Secret store</dt>
        <dd className={status?.insecureBackend ? 'tone-warn' : undefined}>
          {status ? `${status.backend}${status.insecureBackend ? ' (plain text: not a real secret store)' : ''}` : '—'}
        </dd>
      </dl>
      <form
        className="form-grid"
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          void store();
        }}
      >
        <label htmlFor="dhan-client">Client id</label>
        <input id="dhan-client" value={clientId} onChange={(e) => setClientId(e.target.value)} spellCheck={false} />
        <label htmlFor="dhan-token">Access token</label>
        <input id="dhan-token" ref={tokenRef} type="password" autoComplete="new-password" spellCheck={false} placeholder={status?.present ? 'stored (enter a new one to replace it)' : ''} />
        <span />
        <label className="check">
          <input type="checkbox" checked={allowInsecure} onChange={(e) => setAllowInsecure(e.target.checked)} /> allow a plain-text secret store
        </label>
        <span />
        <span className="button-row">
          <button type="submit" disabled={busy}>
            Store in vault
          </button>
          <button type="button" onClick={() => void clear()} disabled={!status?.present}>
            Remove
          </button>
        </span>
      </form>
    </section>
  );
}
