/**
 * The real RegistryReader on Windows: native-reg (in-process, Node-API prebuilds shipped inside
 * the npm package, so nothing is compiled at install). On other OSes native-reg loads no
 * native code and this reader is never used.
 */
import * as reg from 'native-reg';
import type { RegistryHive, RegistryReader, RegistryValue } from './policy-sources';

export const nativeRegistryReader: RegistryReader = {
  values(hive: RegistryHive, subKey: string) {
    const key = reg.openKey(hive === 'HKLM' ? reg.HKLM : reg.HKCU, subKey, reg.Access.READ);
    if (key === null) return null;
    try {
      return reg.enumValueNames(key).map((name) => ({ name, value: reg.queryValue(key, name) as RegistryValue | null }));
    } finally {
      reg.closeKey(key);
    }
  },
};
