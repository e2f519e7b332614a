/**
 * Shows the open overlays (ui slice) above the dock, the top one last; a click on the backdrop
 * closes the top overlay like Esc. An overlay id that is no longer registered is closed.
 */
import { useEffect } from 'react';
import { useAppStore } from '../stores/app-store';
import { overlayDefinition } from './overlay-registry';
import { PanelBoundary } from './panel-boundary';
import { useRuntime } from './runtime-context';

/** The overlay layer. */
export function OverlayHost() {
  const rt = useRuntime();
  const overlays = useAppStore(rt.store, (s) => s.overlays);
  useEffect(() => {
    for (const o of overlays) if (!overlayDefinition(o.id)) rt.store.getState().closeOverlay(o.seq);
  }, [overlays, rt.store]);
  if (overlays.length === 0) return null;
  return (
    <div className="overlay-layer">
      {overlays.map((o, i) => {
        const def = overlayDefinition(o.id);
        if (!def) return null;
        const Overlay = def.component;
        const close = () => rt.store.getState().closeOverlay(o.seq);
        const top = i === overlays.length - 1;
        return (
          <div key={o.seq} className="overlay-backdrop" onMouseDown={(e) => top && e.target === e.currentTarget && close()}>
            <div className="overlay-card" role="dialog" aria-label={def.title} aria-modal="true">
              <PanelBoundary name={def.title}>
                <Overlay store={rt.store} bridge={rt.bridge} quotes={rt.quotes} commands={rt.commands} params={o.params} close={close} />
              </PanelBoundary>
            </div>
          </div>
        );
      })}
    </div>
  );
}
