/**
 * Session-wide defences: the CSP and hardening headers on every response, and the permission
 * gate (only the phone window may use the microphone).
 */
import type { Session, WebContents } from 'electron';
import { withSecurityHeaders } from './content-security-policy';
import { isPermissionGranted } from './permissions';

export function secureSession(session: Session, phoneContents: () => WebContents | null): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders, details.url) });
  });

  const isPhone = (contents: WebContents | null): boolean => contents !== null && contents.id === phoneContents()?.id;

  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(isPermissionGranted({ permission, fromPhoneWindow: isPhone(contents), requestingUrl: details.requestingUrl, mediaTypes }));
  });
  session.setPermissionCheckHandler((contents, permission, requestingOrigin) =>
    isPermissionGranted({ permission, fromPhoneWindow: isPhone(contents), requestingUrl: requestingOrigin }),
  );
  // Device pickers (USB, serial, HID) are never offered to a page.
  session.setDevicePermissionHandler(() => false);
}
