/**
 * The Settings panel: session (connect the simulated exchange or Dhan), Dhan credentials (vault),
 * risk limits the core's risk gate applies before every order (max quantity and value per order,
 * price band %, stale quote seconds, kill switch), order confirmation on/off, and the theme.
 *
 * Source: issue 5, "Settings"; shared/ipc/contract.ts `settings.get/set`, `session.connect`.
 */
import { useEffect, useState } from 'react';
import type { BrokerId, WorkstationSettings } from '../../../shared/ipc/contract';
import type { PanelProps } from '../../app/panel-types';
import { useAppStore } from '../../stores/app-store';
import { CredentialsSection } from './credentials-section';
import { applyDraft, draftFrom, type DraftErrors, type LimitsDraft } from './limits-form';

/** The panel (registered as `settings`). */
export function SettingsPanel({ store, bridge, commands }: PanelProps) {
  const settings = useAppStore(store, (s) => s.settings);
  const session = useAppStore(store, (s) => s.connection.session);
  const tell = (m: string, tone: 'good' | 'bad' | 'warn') => commands.toast(m, tone);

  const connect = async (broker: BrokerId) => {
    if (broker !== 'sim' && !window.confirm('Connect to Dhan? This is LIVE trading: orders use real money.')) return;
    const r = await bridge.invoke('session.connect', { broker });
    if (r.ok) {
      store.getState().setSession(r.value);
      tell(`Session: ${r.value.broker} ${r.value.state}${r.value.detail ? ` (${r.value.detail})` : ''}`, r.value.state === 'connected' ? 'good' : 'warn');
    } else tell(`Not connected: ${r.error.message}`, 'bad');
  };

  return (
    <div className="settings" data-testid="settings">
      <section className="settings-section" aria-labelledby="session-h">
        <h2 id="session-h">Session</h2>
        <p className="dim">
          Now: {session ? `${session.broker} · ${session.mode} · ${session.state}${session.detail ? ` (${session.detail})` : ''}` : 'not known yet'}
        </p>
        <span className="button-row">
          <button type="button" onClick={() => void connect('sim')}>
            Connect simulated exchange (SIM)
          </button>
          <button type="button" className="danger" onClick={() => void connect('dhan')}>
            Connect Dhan (LIVE)
          </button>
        </span>
      </section>
      <CredentialsSection bridge={bridge} tell={tell} />
      {settings === null ? (
        <section className="settings-section">
          <h2>Risk limits</h2>
          <p className="dim">Waiting for the core's settings…</p>
        </section>
      ) : (
        <LimitsSection
          settings={settings}
          onSave={async (next) => {
            const r = await bridge.invoke('settings.set', next);
            if (r.ok) {
              store.getState().setSettings(r.value);
              tell('Settings saved.', 'good');
            } else tell(`Settings not saved: ${r.error.message}`, 'bad');
          }}
        />
      )}
    </div>
  );
}

function LimitsSection({ settings, onSave }: { readonly settings: WorkstationSettings; readonly onSave: (s: WorkstationSettings) => Promise<void> }) {
  const [draft, setDraft] = useState<LimitsDraft>(() => draftFrom(settings));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [busy, setBusy] = useState(false);
  // A new answer from the core (saved elsewhere, reconnect) replaces the form.
  useEffect(() => setDraft(draftFrom(settings)), [settings]);
  const field = (name: 'maxQuantityPerOrder' | 'maxValuePerOrder' | 'priceBandPercent' | 'staleQuoteSeconds', label: string, unit: string) => (
    <>
      <label htmlFor={`lim-${name}`}>{label}</label>
      <span className="field">
        <input
          id={`lim-${name}`}
          className="num"
          inputMode="decimal"
          value={draft[name]}
          placeholder="none"
          aria-invalid={errors[name] !== undefined}
          onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
        />
        <span className="unit">{unit}</span>
        {errors[name] && <span className="field-error">{errors[name]}</span>}
      </span>
    </>
  );
  return (
    <form
      className="settings-section"
      aria-labelledby="limits-h"
      onSubmit={(e) => {
        e.preventDefault();
        const r = applyDraft(settings, draft);
        if (!r.ok) {
          setErrors(r.errors);
          return;
        }
        setErrors({});
        setBusy(true);
        void onSave(r.settings).finally(() => setBusy(false));
      }}
    >
      <h2 id="limits-h">Risk limits</h2>
      <div className="form-grid">
        {field('maxQuantityPerOrder', 'Max quantity per order', 'units')}
        {field('maxValuePerOrder', 'Max value per order', '₹')}
        {field('priceBandPercent', 'Price band around LTP', '%')}
        {field('staleQuoteSeconds', 'Quote stale after', 's')}
        <span>Kill switch</span>
        <label className={draft.killSwitch ? 'check tone-bad' : 'check'}>
          <input type="checkbox" checked={draft.killSwitch} onChange={(e) => setDraft({ ...draft, killSwitch: e.target.checked })} /> refuse every new order
        </label>
        <span>Confirmation</span>
        <label className="check">
          <input type="checkbox" checked={draft.confirmOrders} onChange={(e) => setDraft({ ...draft, confirmOrders: e.target.checked })} /> ask before sending an order
        </label>
        <label htmlFor="theme">Theme</label>
        <select id="theme" value={draft.theme} onChange={(e) => setDraft({ ...draft, theme: e.target.value === 'light' ? 'light' : 'dark' })}>
          <option value="dark">dark</option>
          <option value="light">light</option>
        </select>
        <span />
        <span className="button-row">
          <button type="submit" disabled={busy}>
            Save
          </button>
          <button type="button" onClick={() => (setDraft(draftFrom(settings)), setErrors({}))}>
            Undo changes
          </button>
        </span>
      </div>
    </form>
  );
}
