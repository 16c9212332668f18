/**
 * What the call shortcuts act on: the call of the focused work item (else the only live call the
 * agent has), read from the store at key time so shortcuts never re-render anything.
 */
import type { Call } from '../../src-common/call';
import { availableActions } from '../../src-common/call';
import type { AppState } from '../store/app-state';
import type { AppStore } from '../store/app-store';
import { selectFocusedItem, selectOldestOffer } from '../store/selectors';
import { phoneShortcutOf, type PhoneShortcut } from '../keyboard/phone-shortcuts';
import type { ExtraShortcuts } from '../keyboard/use-shortcuts';
import type { PhoneController } from './phone-controller';
import { looseRingingCalls } from './loose-calls';
import { myItemIds } from './my-items';
import { liveCalls, mainCallForItem, type PhoneState } from './phone-state';

/** The call the call panel and the shortcuts act on, if any. */
export function focusedCall(app: AppState, phone: PhoneState): Call | null {
  const item = selectFocusedItem(app);
  if (item?.channel === 'voice') {
    const call = mainCallForItem(phone, item.id);
    if (call && call.state !== 'ended') return call;
  }
  const live = liveCalls(phone).filter((call) => call.consultFor === null && call.state !== 'ringing-in');
  return live.length === 1 ? (live[0] ?? null) : null;
}

/**
 * Runs one call action the way its shortcut does; true = the action was for this window to take.
 * Keys, system-wide hotkeys and headset buttons all go through it, so they always agree.
 */
export type PhoneActions = (action: PhoneShortcut) => boolean;

export function createPhoneShortcuts(app: AppStore, controller: PhoneController): ExtraShortcuts {
  const run = createPhoneActions(app, controller);
  return (code) => {
    const shortcut = phoneShortcutOf(code);
    return shortcut ? run(shortcut) : false;
  };
}

export function createPhoneActions(app: AppStore, controller: PhoneController): PhoneActions {
  return (shortcut) => {
    const appState = app.getState();
    if (shortcut === 'newCall') {
      appState.setDialpadOpen(true);
      return true;
    }
    if (shortcut === 'answer' || shortcut === 'decline') {
      const offer = selectOldestOffer(appState);
      if (offer?.item.channel === 'voice') {
        void (shortcut === 'answer' ? controller.answerOffer(offer) : controller.declineOffer(offer));
        return true;
      }
      // A colleague's call ringing (consult, transfer) outranks a chat or email offer: it is live.
      const loose = looseRingingCalls(appState.phone, myItemIds(appState))[0];
      if (!loose) return false;
      void controller.command(shortcut === 'answer' ? { type: 'answer', callId: loose.id } : { type: 'reject', callId: loose.id, sipCode: 486 });
      return true;
    }
    const call = focusedCall(appState, appState.phone);
    if (!call) return false;
    const can = availableActions(call);
    switch (shortcut) {
      case 'hangup':
        if (can.includes('hangup')) void controller.command({ type: 'hangup', callId: call.id });
        return true;
      case 'hold':
        if (can.includes('hold')) void controller.command({ type: 'hold', callId: call.id });
        else if (can.includes('resume')) void controller.command({ type: 'resume', callId: call.id });
        return true;
      case 'mute':
        if (can.includes('mute')) void controller.command({ type: 'mute', callId: call.id });
        else if (can.includes('unmute')) void controller.command({ type: 'unmute', callId: call.id });
        return true;
      case 'keypad':
        if (can.includes('sendDtmf')) appState.setKeypadOpen(!appState.keypadOpen);
        return true;
      case 'transfer':
        if (can.includes('blindTransfer')) appState.setTransferCallId(call.id);
        return true;
    }
  };
}
