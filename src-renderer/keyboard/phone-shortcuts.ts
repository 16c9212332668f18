/**
 * Call-control shortcuts, on the same Alt+<key> scheme as the offer shortcuts (matched on
 * KeyboardEvent.code, so the keys stay put whatever the layout). Alt+A / Alt+D answer / decline a
 * voice offer and Alt+E hangs up, so "the same key does the same thing" for calls and chats.
 */
export type PhoneShortcut = 'answer' | 'decline' | 'hangup' | 'hold' | 'mute' | 'keypad' | 'transfer' | 'newCall';

/** What each shortcut is, in aria-keyshortcuts syntax (also shown in tooltips). */
export const PHONE_KEYS: Readonly<Record<PhoneShortcut, string>> = {
  answer: 'Alt+A',
  decline: 'Alt+D',
  hangup: 'Alt+E',
  hold: 'Alt+H',
  mute: 'Alt+M',
  keypad: 'Alt+K',
  transfer: 'Alt+T',
  newCall: 'Alt+N',
};

const BY_CODE: Readonly<Record<string, PhoneShortcut>> = {
  KeyA: 'answer',
  KeyD: 'decline',
  KeyE: 'hangup',
  KeyH: 'hold',
  KeyM: 'mute',
  KeyK: 'keypad',
  KeyT: 'transfer',
  KeyN: 'newCall',
};

export function phoneShortcutOf(code: string): PhoneShortcut | null {
  return BY_CODE[code] ?? null;
}

/** Label plus shortcut for a tooltip, or the label alone when shortcuts are off. */
export function withShortcut(label: string, shortcut: PhoneShortcut, enabled: boolean): string {
  return enabled ? `${label} (${PHONE_KEYS[shortcut]})` : label;
}
