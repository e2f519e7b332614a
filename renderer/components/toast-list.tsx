/** In-app toasts, bottom right, newest last. Presentational: gets the list and a dismiss callback. */

/** One toast as shown. */
export interface ToastView {
  readonly seq: number;
  readonly message: string;
  /** `info`, `good`, `warn` or `bad`. */
  readonly tone: string;
}

/** Renders the toasts; a click dismisses one. */
export function ToastList({ toasts, onDismiss }: { readonly toasts: readonly ToastView[]; readonly onDismiss: (seq: number) => void }) {
  if (toasts.length === 0) return null;
  return (
    <div className="toast-list" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.seq} className={`toast tone-${t.tone}`} role="status" data-testid="toast" onClick={() => onDismiss(t.seq)}>
          {t.message}
        </div>
      ))}
    </div>
  );
}
