import { describe, expect, it } from 'vitest';
import type { PhoneCommandInput } from '../../../src-common/phone-contract';
import { checkDialInput, dialTargetOfLink } from '../../../src-renderer/phone/dial-input';
import { PHONE_KEYS, phoneShortcutOf, withShortcut } from '../../../src-renderer/keyboard/phone-shortcuts';
import { handleShortcut } from '../../../src-renderer/keyboard/use-shortcuts';
import type { Intents } from '../../../src-renderer/intents';
import type { PhoneController } from '../../../src-renderer/phone/phone-controller';
import { callPartyLine, partyName } from '../../../src-renderer/phone/party-name';
import { createPhoneShortcuts } from '../../../src-renderer/phone/phone-keys';
import { createAppStore } from '../../../src-renderer/store/app-store';
import { connected, inboundCall, viewWith, voiceItem, voiceOffer } from './phone-fixtures';

describe('what the dialpad accepts', () => {
  it('takes numbers with formatting, extensions, tel: and SIP addresses', () => {
    expect(checkDialInput(' +34 600 10 02 00 ')).toEqual({ ok: true, target: '+34 600 10 02 00' });
    expect(checkDialInput('5000')).toEqual({ ok: true, target: '5000' });
    expect(checkDialInput('jordi')).toEqual({ ok: true, target: 'jordi' });
    expect(checkDialInput('tel:+34600100200;ext=1')).toEqual({ ok: true, target: '+34600100200' });
    expect(checkDialInput('sip:jordi@lab.centralita')).toEqual({ ok: true, target: 'sip:jordi@lab.centralita' });
  });

  it('refuses empty and malformed input with a reason', () => {
    expect(checkDialInput('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(checkDialInput('call me maybe')).toEqual({ ok: false, reason: 'invalid' });
    expect(checkDialInput('sip:nodomain')).toEqual({ ok: false, reason: 'invalid' });
    expect(checkDialInput('+34 <script>')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('dials tel: and sip: links and ignores every other link', () => {
    expect(dialTargetOfLink('tel:+34%20600%20100%20200')).toBe('+34 600 100 200');
    expect(dialTargetOfLink('sip:ana@lab.centralita?subject=x')).toBe('sip:ana@lab.centralita');
    expect(dialTargetOfLink('https://example.es/tel:600')).toBeNull();
    expect(dialTargetOfLink('mailto:a@b.es')).toBeNull();
    // A malformed %-escape must not throw inside the click handler (the browser would follow the link).
    expect(dialTargetOfLink('tel:%E0%A4%A')).toBeNull();
  });
});

describe('call shortcuts', () => {
  it('map Alt+letters to call actions and show them in tooltips', () => {
    expect(phoneShortcutOf('KeyH')).toBe('hold');
    expect(phoneShortcutOf('KeyM')).toBe('mute');
    expect(phoneShortcutOf('KeyN')).toBe('newCall');
    expect(phoneShortcutOf('KeyQ')).toBeNull();
    expect(PHONE_KEYS.hangup).toBe('Alt+E');
    expect(withShortcut('Colgar', 'hangup', true)).toBe('Colgar (Alt+E)');
    expect(withShortcut('Colgar', 'hangup', false)).toBe('Colgar');
  });

  function setup() {
    const app = createAppStore();
    const sent: PhoneCommandInput[] = [];
    const answered: string[] = [];
    const hubCalls: string[] = [];
    const controller = {
      host: null,
      answerOffer: async (offer) => void answered.push(`answer ${offer.item.id}`),
      declineOffer: async (offer) => void answered.push(`decline ${offer.item.id}`),
      command: async (command) => {
        sent.push(command);
        return { ok: true, value: { callId: null } };
      },
      dial: async () => ({ ok: true, value: { callId: null } }),
      transferToAgent: async () => ({ ok: true, value: { callId: null } }),
      completeAttendedTransfer: async () => ({ ok: true, value: { callId: null } }),
      supervisor: { callTo: () => null, supervise: async () => ({ ok: true, value: { callId: null } }), leave: async () => undefined },
      dispose: () => undefined,
    } satisfies PhoneController;
    const intents = {
      acceptOffer: async (id: string) => void hubCalls.push(`accept ${id}`),
      declineOffer: async (id: string) => void hubCalls.push(`decline ${id}`),
      endItem: async (id: string) => void hubCalls.push(`end ${id}`),
    } as Pick<Intents, 'acceptOffer' | 'declineOffer' | 'endItem'> as Intents;
    const extra = createPhoneShortcuts(app, controller);
    const press = (code: string) => handleShortcut({ code, altKey: true, ctrlKey: false, metaKey: false, shiftKey: false }, app, intents, () => undefined, extra);
    return { app, sent, answered, hubCalls, press };
  }

  it('Alt+A answers the ringing voice offer through the phone, not the hub accept', () => {
    const { app, answered, hubCalls, press } = setup();
    app.getState().applyView(viewWith([voiceOffer('i-1')], []));
    expect(press('KeyA')).toBe(true);
    expect(answered).toEqual(['answer i-1']);
    expect(hubCalls).toEqual([]);
  });

  it('Alt+H holds then resumes, Alt+M mutes, Alt+E hangs up the focused item\'s call', () => {
    const { app, sent, hubCalls, press } = setup();
    app.getState().applyView(viewWith([], [voiceItem('i-1', 'accepted')]));
    const call = connected(inboundCall('k1', 'i-1'));
    app.getState().applyPhoneEvent({ type: 'call-updated', call });
    press('KeyH');
    app.getState().applyPhoneEvent({ type: 'call-updated', call: { ...call, state: 'held' } });
    press('KeyH');
    press('KeyM');
    press('KeyE');
    expect(sent).toEqual([
      { type: 'hold', callId: 'k1' },
      { type: 'resume', callId: 'k1' },
      { type: 'mute', callId: 'k1' },
      { type: 'hangup', callId: 'k1' },
    ]);
    // Alt+E hung up the call; it did not end the item in the hub behind the call's back.
    expect(hubCalls).toEqual([]);
  });

  it('Alt+E ends a chat item as before when no call is live', () => {
    const { app, hubCalls, press } = setup();
    app.getState().applyView(viewWith([], [{ ...voiceItem('i-9', 'accepted'), channel: 'chat' }]));
    press('KeyE');
    expect(hubCalls).toEqual(['end i-9']);
  });

  it('Alt+T opens the transfer dialog for the call, Alt+N the dialpad', () => {
    const { app, press } = setup();
    app.getState().applyView(viewWith([], [voiceItem('i-1', 'accepted')]));
    app.getState().applyPhoneEvent({ type: 'call-updated', call: connected(inboundCall('k1', 'i-1')) });
    press('KeyT');
    expect(app.getState().transferCallId).toBe('k1');
    press('KeyN');
    expect(app.getState().dialpadOpen).toBe(true);
  });
});

describe('who the agent is talking to', () => {
  it('names a colleague by their SIP address, else the display name, else the number', () => {
    const agents = [{ id: 'jordi', displayName: 'Jordi Puig', sipUri: 'sip:jordi@lab.centralita' }];
    const consult = { ...inboundCall('k2', null), remote: { uri: 'sip:Jordi@lab.centralita;transport=ws', number: 'jordi', displayName: null } };
    expect(partyName(consult, agents)).toBe('Jordi Puig');
    expect(partyName(inboundCall('k1', null), agents)).toBe('María');
    expect(partyName({ ...consult, remote: { ...consult.remote, uri: 'sip:600@lab', number: '600' } }, agents)).toBe('600');
  });

  it('says the customer’s name once in the call panel, with the number beside it', () => {
    const maria = { ...inboundCall('k1', 'i-1'), remote: { uri: 'sip:+34600100200@lab', number: '+34600100200', displayName: 'María García López' } };
    expect(callPartyLine(maria, 'María García López')).toBe('María García López · +34600100200');
    expect(callPartyLine(maria, null)).toBe('María García López');
    const noNumber = { ...maria, remote: { uri: 'sip:maria@lab', number: '', displayName: 'maría garcía lópez' } };
    expect(callPartyLine(noNumber, 'María García López')).toBe('María García López');
  });
});
