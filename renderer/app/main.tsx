/**
 * The renderer's entry: choose the bridge (Electron preload or the headless host's WebSocket),
 * wire it to the store, build the workstation runtime, render the workstation.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'dockview-react/dist/styles/dockview.css';
import '../styles/workstation.css';
import { createAppStore } from '../stores/app-store';
import { connectCore } from './connect-core';
import { selectBridge, type BridgeEnvironment } from './select-bridge';
import { Workstation } from './workstation';
import { createWorkstationRuntime } from './workstation-runtime';

const store = createAppStore();
const selected = selectBridge(window as unknown as BridgeEnvironment);
connectCore(selected, store);
const runtime = createWorkstationRuntime(selected.bridge, store);
window.addEventListener('pagehide', () => runtime.dispose());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <Workstation runtime={runtime} />
  </StrictMode>,
);
