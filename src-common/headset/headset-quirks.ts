/**
 * How each vendor's headsets mean their Hook Switch and Phone Mute, where the report descriptor
 * alone does not say it. One table, read once per device, so the button logic has no vendor
 * branches.
 *
 * - `state`: the value is what the headset wants now (1 = off-hook / muted). It keeps that state
 *   itself until the host answers with the matching light, and falls back when no answer comes,
 *   so the host must echo the Off-Hook (or Mute) light after every change.
 * - `press`: each 0→1 is one press asking the host to change something (answer or hang up; mute
 *   or unmute); the value returns to 0 by itself.
 * - `descriptor`: as the item is declared: relative means `press`, absolute means `state`.
 *
 * Rows say why; none was checked here on the physical device (no headset on the build machine).
 */

export type ControlMeaning = 'state' | 'press';

export interface HeadsetQuirks {
  readonly hookSwitch: ControlMeaning | 'descriptor';
  readonly phoneMute: ControlMeaning | 'descriptor';
}

interface QuirkRow {
  readonly vendor: string;
  readonly vendorIds: readonly number[];
  /** Only these products; absent = every product of the vendor. */
  readonly productIds?: readonly number[];
  readonly quirks: Partial<HeadsetQuirks>;
  readonly why: string;
}

/**
 * Mute is a press on nearly every headset, including those that declare it absolute: pressing
 * sends 1 then 0 and waits for the host to answer with the Mute/Microphone light.
 */
export const DEFAULT_QUIRKS: HeadsetQuirks = { hookSwitch: 'descriptor', phoneMute: 'press' };

/** More specific rows (with productIds) first. */
const ROWS: readonly QuirkRow[] = [
  {
    vendor: 'Google',
    vendorIds: [0x18d1],
    productIds: [0x8001],
    quirks: { phoneMute: 'state' },
    why: 'The Meet speakermic reports Phone Mute as a switch (1 muted, 0 unmuted); the Linux input layer carries a quirk for the same reason.',
  },
  {
    vendor: 'Jabra',
    vendorIds: [0x0b0e],
    quirks: { hookSwitch: 'state', phoneMute: 'press' },
    why: 'Hook Switch is the headset’s own off-hook state: a press sends 1, and without the Off-Hook light in answer it reports 0 again about two seconds later.',
  },
  {
    vendor: 'Poly',
    vendorIds: [0x047f, 0x03f0],
    quirks: { hookSwitch: 'descriptor', phoneMute: 'press' },
    why: 'Blackwire and Savi models differ: some declare the Hook Switch relative (each press toggles the call), others absolute; the declaration decides. Mute arrives as 1 then 0 about 50 ms apart.',
  },
  {
    vendor: 'EPOS',
    vendorIds: [0x1395],
    quirks: { hookSwitch: 'state', phoneMute: 'press' },
    why: 'EPOS and Sennheiser dongles keep the hook state and wait for the Off-Hook light; their mute button sends 1 then 0.',
  },
  {
    vendor: 'Yealink',
    vendorIds: [0x6993],
    quirks: { hookSwitch: 'state', phoneMute: 'press' },
    why: 'The off-hook bit is the dongle’s state and comes with other keys, even with no call; only a change counts, and the lights are echoed so the dongle returns to what the host holds.',
  },
  {
    vendor: 'Logitech',
    vendorIds: [0x046d],
    quirks: {},
    why: 'Zone headsets follow their declaration; their Teams button is on a vendor page, which we leave alone.',
  },
  {
    vendor: 'Microsoft',
    vendorIds: [0x045e],
    quirks: {},
    why: 'Teams-certified headsets follow their declaration; the Teams button is on a vendor page, which we leave alone.',
  },
];

export interface ResolvedQuirks extends HeadsetQuirks {
  /** The row's vendor, or null for a vendor the table does not know. */
  readonly vendor: string | null;
}

export function quirksFor(vendorId: number, productId: number): ResolvedQuirks {
  const row = ROWS.find((candidate) => candidate.vendorIds.includes(vendorId) && (!candidate.productIds || candidate.productIds.includes(productId)));
  return { ...DEFAULT_QUIRKS, ...row?.quirks, vendor: row?.vendor ?? null };
}

/** What a control means on this headset, given how the reading's item was declared. */
export function controlMeaning(declared: ControlMeaning | 'descriptor', relative: boolean): ControlMeaning {
  if (declared !== 'descriptor') return declared;
  return relative ? 'press' : 'state';
}
