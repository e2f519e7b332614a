/**
 * The dock: dockview's React component with one content component per registered panel, each
 * wrapping the feature's panel in `PanelProps` (its `updateParams` goes to dockview's
 * `api.updateParameters`, which the saved layout carries). Binds the layout controller on ready.
 *
 * Source: issue 5, "docking layout (dockview)".
 */
import { DockviewReact, themeAbyss, themeLight, type IDockviewPanelProps, type IWatermarkPanelProps } from 'dockview-react';
import { useMemo, type FunctionComponent } from 'react';
import { PANELS } from './panel-registry';
import type { PanelDefinition, PanelParams } from './panel-types';
import { useRuntime } from './runtime-context';
import { HOTKEYS } from './hotkeys';
import { PanelBoundary } from './panel-boundary';

function wrap(def: PanelDefinition): FunctionComponent<IDockviewPanelProps> {
  const Panel = def.component;
  return function DockPanel(props: IDockviewPanelProps) {
    const rt = useRuntime();
    const setTitle = useMemo(() => (t: string) => props.api.setTitle(t), [props.api]);
    // dockview merges the patch into the panel's params, serialises them in toJSON() and fires
    // onDidLayoutChange for a parameter change, so the layout saver picks it up (500 ms later).
    const updateParams = useMemo(
      () => (patch: Readonly<Record<string, unknown>>) => {
        const { key: _key, ...rest } = patch;
        if (Object.keys(rest).length > 0) props.api.updateParameters(rest);
      },
      [props.api],
    );
    return (
      <div className="dock-panel">
        <PanelBoundary name={def.title}>
          <Panel
            store={rt.store}
            bridge={rt.bridge}
            quotes={rt.quotes}
            commands={rt.commands}
            params={(props.params ?? {}) as PanelParams}
            setTitle={setTitle}
            updateParams={updateParams}
          />
        </PanelBoundary>
      </div>
    );
  };
}

// Built once: dockview keeps component identities.
const COMPONENTS: Record<string, FunctionComponent<IDockviewPanelProps>> = Object.fromEntries(
  Object.entries(PANELS).map(([id, def]) => [id, wrap(def as PanelDefinition)]),
);

function Watermark(_: IWatermarkPanelProps) {
  return (
    <div className="dock-watermark">
      <p>No panels open.</p>
      <p className="dim">{HOTKEYS.map((h) => h.label).join(' · ')}</p>
    </div>
  );
}

/** The dock area, in the dark (default) or light theme. */
export function DockHost({ theme }: { readonly theme: 'dark' | 'light' }) {
  const rt = useRuntime();
  return (
    <DockviewReact
      className="dock"
      theme={theme === 'light' ? themeLight : themeAbyss}
      components={COMPONENTS}
      watermarkComponent={Watermark}
      onReady={(e) => rt.layout.attach(e.api)}
    />
  );
}
