/**
 * The renderer's entry: choose the bridge (Electron preload or the headless host's WebSocket),
 * wire it to the store, render the workstation.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/workstation.css';
import { createAppStore } from '../stores/app-store';
import { connectCore } from './connect-core';
import { selectBridge, type BridgeEnvironment } from './select-bridge';
import { Workstation } from './workstation';

const store = createAppStore();
connectCore(selectBridge(window as unknown as BridgeEnvironment), store);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <Workstation store={store} />
  </StrictMode>,
);
