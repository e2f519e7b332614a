/**
 * A notice shown while the link to the core is not open: refused (the user must act) or retrying.
 * Presentational; `detail` never contains the token.
 */
/** Renders nothing while `state` is `open`; otherwise an alert with `detail`. */
export function LinkNotice({ state, detail }: { readonly state: string; readonly detail: string }) {
  if (state === 'open') return null;
  const refused = state === 'refused';
  return (
    <div className={refused ? 'link-notice link-refused' : 'link-notice'} role="alert" data-testid="link-notice">
      <strong>{refused ? 'Not connected: the Tickdesk host refused this page.' : 'Not connected to the Tickdesk core.'}</strong>{' '}
      <span>{detail}</span>
    </div>
  );
}
