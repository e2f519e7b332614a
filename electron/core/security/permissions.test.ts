import { describe, expect, it } from 'vitest';
import { devicePermissionDecision, permissionCheckDecision, permissionRequestDecision } from './permissions';

// Electron grants every permission by default; each handler must answer false for all of them,
// including requests from the app's own origin.
const PERMISSIONS = ['media', 'geolocation', 'notifications', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'hid', 'serial', 'usb', 'idle-detection', 'window-management', 'storage-access', 'unknown'];

describe('permission handlers', () => {
  it.each(PERMISSIONS.map((p) => [p]))('deny %s from the app and from elsewhere', (p) => {
    for (const origin of ['app://tickdesk', 'https://evil.example', '']) {
      expect(permissionRequestDecision(p, origin)).toBe(false);
      expect(permissionCheckDecision(p, origin)).toBe(false);
    }
  });

  it('denies HID, serial and USB devices', () => {
    for (const d of ['hid', 'serial', 'usb']) expect(devicePermissionDecision(d, 'app://tickdesk')).toBe(false);
  });
});
