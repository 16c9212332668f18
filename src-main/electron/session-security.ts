/**
 * Session-wide defences: the CSP and hardening headers on every response, and the permission
 * gate (only the phone window may use the microphone; only the agent window may use WebHID, and
 * only for telephony headsets).
 */
import type { Session, WebContents } from 'electron';
import { withSecurityHeaders } from './content-security-policy';
import { chooseHeadset, isAgentPage, isHeadsetGrant } from './hid-permissions';
import { isPermissionGranted } from './permissions';

export function secureSession(session: Session, phoneContents: () => WebContents | null, agentContents: () => WebContents | null = () => null): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders, details.url) });
  });

  const isPhone = (contents: WebContents | null): boolean => contents !== null && contents.id === phoneContents()?.id;
  const isAgent = (contents: WebContents | null): boolean => contents !== null && contents.id === agentContents()?.id;

  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(isPermissionGranted({ permission, fromPhoneWindow: isPhone(contents), fromAgentWindow: isAgent(contents), requestingUrl: details.requestingUrl, mediaTypes }));
  });
  session.setPermissionCheckHandler((contents, permission, requestingOrigin) =>
    isPermissionGranted({ permission, fromPhoneWindow: isPhone(contents), fromAgentWindow: isAgent(contents), requestingUrl: requestingOrigin }),
  );
  // USB and serial devices are never offered to a page; HID only telephony headsets.
  session.setDevicePermissionHandler((details) => isHeadsetGrant(details));
  session.on('select-hid-device', (event, details, callback) => {
    event.preventDefault();
    const frame = details.frame;
    const agent = agentContents();
    const fromAgentPage = isAgentPage(
      frame ? { url: frame.url, isTopFrame: frame.parent === null, frameTreeNodeId: frame.frameTreeNodeId } : null,
      agent && !agent.isDestroyed() ? agent.mainFrame.frameTreeNodeId : null,
    );
    callback(chooseHeadset(details.deviceList, fromAgentPage));
  });
}
