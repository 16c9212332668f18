/**
 * The shape of a HID device's report descriptor as WebHID hands it over (`HIDDevice.collections`):
 * top-level collections, each listing its input and output reports as ordered items. Only the
 * members we read are named, all optional as in the WebHID IDL, so the browser's own objects,
 * Electron's `HIDDevice` and recorded JSON fixtures all fit without a copy.
 *
 * A top-level collection lists every item of each report it holds, in report order (its
 * sub-collections list only their own part), so bit positions are counted on top-level
 * collections only.
 */
import { USAGE_PAGE_TELEPHONY } from './hid-usages';

export interface HidReportItem {
  readonly isAbsolute?: boolean;
  readonly isArray?: boolean;
  readonly isConstant?: boolean;
  readonly isRange?: boolean;
  readonly hasNull?: boolean;
  /** Extended usages (page << 16 | id); a variable item's last usage repeats for extra fields. */
  readonly usages?: readonly number[];
  readonly usageMinimum?: number;
  readonly usageMaximum?: number;
  /** Bits per field. */
  readonly reportSize?: number;
  /** Number of fields. */
  readonly reportCount?: number;
  readonly logicalMinimum?: number;
  readonly logicalMaximum?: number;
}

export interface HidReportInfo {
  /** 0 when the device uses no report IDs. */
  readonly reportId?: number;
  readonly items?: readonly HidReportItem[];
}

export interface HidCollectionInfo {
  readonly usagePage?: number;
  readonly usage?: number;
  readonly type?: number;
  readonly children?: readonly HidCollectionInfo[];
  readonly inputReports?: readonly HidReportInfo[];
  readonly outputReports?: readonly HidReportInfo[];
  readonly featureReports?: readonly HidReportInfo[];
}

/** A telephony device (headset, handset, speakerphone) has a top-level collection on the Telephony page. */
export function hasTelephonyCollection(collections: readonly { readonly usagePage?: number }[] | undefined): boolean {
  return (collections ?? []).some((collection) => collection.usagePage === USAGE_PAGE_TELEPHONY);
}
