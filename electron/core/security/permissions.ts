/**
 * Permission policy of the app's session: deny everything.
 *
 * Source: DESIGN.md, "Electron security list": `setPermissionRequestHandler`,
 * `setPermissionCheckHandler` and `setDevicePermissionHandler` deny, because Electron approves
 * every permission (camera, microphone, notifications, geolocation, HID, serial, USB, clipboard
 * read…) by default. A trading workstation needs none of them. Pure functions.
 */

/** Answer for `session.setPermissionRequestHandler`: always false (the callback gets it). */
export function permissionRequestDecision(_permission: string, _requestingUrl?: string): false {
  return false;
}

/** Answer for `session.setPermissionCheckHandler`: always false. */
export function permissionCheckDecision(_permission: string, _requestingOrigin?: string): false {
  return false;
}

/** Answer for `session.setDevicePermissionHandler` (HID, serial, USB): always false. */
export function devicePermissionDecision(_deviceType: string, _origin?: string): false {
  return false;
}
