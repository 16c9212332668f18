import { describe, expect, it } from 'vitest';
import { KeepAwake, type PowerBlocker } from '../../../src-main/electron/keep-awake';
import { item } from './view-fixtures';

class RecordingBlocker implements PowerBlocker {
  readonly running = new Set<number>();
  private next = 1;
  start(): number {
    const id = this.next++;
    this.running.add(id);
    return id;
  }
  stop(id: number): boolean {
    return this.running.delete(id);
  }
}

describe('keep the machine awake during calls', () => {
  it('holds one blocker while a voice call is accepted and releases it when the call ends', () => {
    const blocker = new RecordingBlocker();
    const keepAwake = new KeepAwake(blocker);
    const onCall = { items: [item({ channel: 'voice', state: 'accepted' })] };

    keepAwake.update(onCall);
    keepAwake.update(onCall);
    expect(blocker.running.size).toBe(1);
    expect(keepAwake.active).toBe(true);

    keepAwake.update({ items: [item({ channel: 'voice', state: 'wrap-up' })] });
    expect(blocker.running.size).toBe(0);
    expect(keepAwake.active).toBe(false);
  });

  it('does not block sleep for chats and emails', () => {
    const blocker = new RecordingBlocker();
    new KeepAwake(blocker).update({ items: [item({ channel: 'chat', state: 'accepted' }), item({ channel: 'email', state: 'accepted' })] });
    expect(blocker.running.size).toBe(0);
  });

  it('releases on quit', () => {
    const blocker = new RecordingBlocker();
    const keepAwake = new KeepAwake(blocker);
    keepAwake.update({ items: [item({ channel: 'voice', state: 'accepted' })] });
    keepAwake.release();
    expect(blocker.running.size).toBe(0);
  });
});
