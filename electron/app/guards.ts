/**
 * Applies the pure security policy (electron/core/security) to Electron objects: navigation,
 * redirects, `window.open`, `<webview>`, and the session's permission handlers.
 *
 * Source: DESIGN.md, "Electron security list". Every webContents the app creates passes through
 * `guardWebContents` (main.ts calls it from `web-contents-created`), every session through
 * `guardSession` (from `session-created` and for the default session).
 */
import type { Session, WebContents } from 'electron';
import { navigationDecision, windowOpenDecision } from '../core/security/navigation';
import { devicePermissionDecision, permissionCheckDecision, permissionRequestDecision } from '../core/security/permissions';

/** The events and calls of `WebContents` the guards use. */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
/** The permission setters of `Session` the guards use. */
export type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/**
 * Denies every navigation and redirect outside the app (`will-navigate`, `will-frame-navigate`,
 * `will-redirect`), every `window.open` (allow-listed https pages go to the user's browser through
 * `openExternal`), and every `<webview>` attachment. `log` gets one line per denial (URL cut to
 * 120 characters, query dropped: broker URLs can carry tokens).
 */
export function guardWebContents(contents: GuardedContents, openExternal: (url: string) => void, log: (line: string) => void = () => {}): void {
  const shown = (url: string) => url.split('?')[0]!.slice(0, 120);
  const onNavigate = (kind: string, allowExternal: boolean) => (event: { url: string; preventDefault(): void }) => {
    const d = navigationDecision(event.url);
    if (d.action === 'allow') return;
    event.preventDefault();
    log(`security: denied ${kind} to ${shown(event.url)}`);
    if (allowExternal && d.openExternal) openExternal(d.openExternal);
  };
  contents.on('will-navigate', onNavigate('navigation', true));
  contents.on('will-frame-navigate', onNavigate('frame navigation', false));
  contents.on('will-redirect', onNavigate('redirect', false));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('security: denied a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const d = windowOpenDecision(url);
    log(`security: denied window.open of ${shown(url)}${d.openExternal ? ' (opened in the browser)' : ''}`);
    if (d.openExternal) openExternal(d.openExternal);
    return { action: d.action };
  });
}

/** Denies every permission request, permission check and device permission of `session`. */
export function guardSession(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permissionRequestDecision(permission, details.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionCheckDecision(permission, requestingOrigin));
  session.setDevicePermissionHandler((details) => devicePermissionDecision(details.deviceType, details.origin));
}
