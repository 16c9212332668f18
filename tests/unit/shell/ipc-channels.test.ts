import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL_PREFIX, IPC_OP_NAMES, IpcEvents } from '../../../src-common/ipc';
import { allowedEventNames, allowedOpNames, eventChannel, isIpcOpName, opChannel } from '../../../src-main/electron/ipc-channels';

describe('preload allow-lists', () => {
  it('match the IPC contract exactly', () => {
    expect(allowedOpNames().sort()).toEqual([...IPC_OP_NAMES].sort());
    expect(allowedEventNames().sort()).toEqual(Object.keys(IpcEvents).sort());
  });

  it('use the app prefix for every channel', () => {
    expect(opChannel('view.get')).toBe(`${IPC_CHANNEL_PREFIX}view.get`);
    expect(eventChannel('view')).toBe(`${IPC_CHANNEL_PREFIX}event:view`);
  });

  it('do not treat inherited object keys as ops', () => {
    expect(isIpcOpName('toString')).toBe(false);
    expect(isIpcOpName('__proto__')).toBe(false);
    expect(isIpcOpName(42)).toBe(false);
  });
});
