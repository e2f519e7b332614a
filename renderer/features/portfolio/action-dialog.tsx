/**
 * The modal frame of the positions panel's dialogs (exit all, convert): a backdrop over the whole
 * window (a portal into `document.body`, so that no docking container clips it), a titled card,
 * Esc to close (the event stops here, so the frame's Esc does not close the order ticket under
 * it). Presentational: the caller owns the content and what the buttons do.
 *
 * Source: issue 5 "Esc closes"; DESIGN.md renderer rules (components without store or bridge).
 */
import type { KeyboardEvent, ReactNode } from 'react';
import { createPortal } from 'react-dom';

/** Props of {@link ActionDialog}. */
export interface ActionDialogProps {
  readonly title: string;
  readonly testId: string;
  /** Esc, the backdrop, or the caller's own Back/Close button. */
  readonly onClose: () => void;
  /** Enter anywhere but on a button (buttons answer Enter themselves). */
  readonly onEnter?: () => void;
  readonly children: ReactNode;
}

/** See the file comment. */
export function ActionDialog({ title, testId, onClose, onEnter, children }: ActionDialogProps) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Enter' && onEnter && !(e.target instanceof HTMLButtonElement) && !(e.target instanceof HTMLSelectElement)) {
      e.preventDefault();
      e.stopPropagation();
      onEnter();
    } else if (/^F\d{1,2}$/.test(e.key)) {
      // F1/F2... would open a ticket behind the dialog.
      e.stopPropagation();
    }
  };
  return createPortal(
    <div className="pf-dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="pf-dialog" role="dialog" aria-modal="true" aria-label={title} data-testid={testId} onKeyDown={onKeyDown}>
        <h2 className="pf-dialog-title">{title}</h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}
