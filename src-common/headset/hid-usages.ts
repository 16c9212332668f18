/**
 * The HID usages a headset's call controls speak, from the USB HID Usage Tables: the Telephony
 * page (0x0B) for buttons the headset sends and the Ringer it is told, the LED page (0x08) for the
 * lights the host sets. WebHID gives usages "extended": the page in the high 16 bits, the usage id
 * in the low 16, so a usage is one number that cannot be confused across pages.
 */

export const USAGE_PAGE_LED = 0x08;
export const USAGE_PAGE_TELEPHONY = 0x0b;

/** Page + id as WebHID writes it (0x000B0020 is Telephony / Hook Switch). */
export function extendedUsage(page: number, id: number): number {
  return ((page & 0xffff) * 0x10000 + (id & 0xffff)) >>> 0;
}

export function usagePageOf(usage: number): number {
  return Math.floor(usage / 0x10000) & 0xffff;
}

export function usageIdOf(usage: number): number {
  return usage & 0xffff;
}

/** Buttons a headset sends on the Telephony page. */
export const TELEPHONY_BUTTON_USAGES = {
  /** On/off control: 1 while the headset is off-hook (or one press, when declared relative). */
  hookSwitch: extendedUsage(USAGE_PAGE_TELEPHONY, 0x20),
  /** Momentary: the old "hook flash"; headsets use it to swap, hold or take a waiting call. */
  flash: extendedUsage(USAGE_PAGE_TELEPHONY, 0x21),
  /** On/off control of the telephony Hold button. */
  hold: extendedUsage(USAGE_PAGE_TELEPHONY, 0x23),
  redial: extendedUsage(USAGE_PAGE_TELEPHONY, 0x24),
  /** On/off control, but nearly every headset sends it as a press asking the host to toggle. */
  phoneMute: extendedUsage(USAGE_PAGE_TELEPHONY, 0x2f),
  /** Headsets that can refuse a ringing call (a double tap on Jabra) send the busy tone request. */
  lineBusyTone: extendedUsage(USAGE_PAGE_TELEPHONY, 0x97),
} as const;

export type TelephonyButton = keyof typeof TELEPHONY_BUTTON_USAGES;

/** What the host shows on the headset: LEDs, and the Telephony Ringer that makes it ring. */
export const HEADSET_INDICATOR_USAGES = {
  offHook: extendedUsage(USAGE_PAGE_LED, 0x17),
  ring: extendedUsage(USAGE_PAGE_LED, 0x18),
  mute: extendedUsage(USAGE_PAGE_LED, 0x09),
  hold: extendedUsage(USAGE_PAGE_LED, 0x20),
  /** The answer headsets expect to a Phone Mute press (1 = muted), besides or instead of Mute. */
  microphone: extendedUsage(USAGE_PAGE_LED, 0x21),
  ringer: extendedUsage(USAGE_PAGE_TELEPHONY, 0x9e),
} as const;

export type HeadsetIndicator = keyof typeof HEADSET_INDICATOR_USAGES;

export const TELEPHONY_BUTTONS = Object.keys(TELEPHONY_BUTTON_USAGES) as TelephonyButton[];
export const HEADSET_INDICATORS = Object.keys(HEADSET_INDICATOR_USAGES) as HeadsetIndicator[];
