/**
 * Call-setup benchmark (not a test): `npm run bench:call-setup` (`-- --phases` adds where each
 * browser phone spends the time in its page; `-- --wire`, with tcpdump and root, splits each
 * phone's time on the wire into the SIP server and media relay and the phone itself).
 *
 * Starts the interop rig (scripts/rig: Kamailio 5.6 + rtpengine in userspace, loopback, free
 * ports) and registers four auto-answering user agents to the same Kamailio, each its own SIP user:
 *   - ours:    the product's page PhoneHost (SIP.js API layer + our media) in Debian's Chromium,
 *              over WebSocket; it auto-answers because the INVITE carries
 *              `Call-Info: …;answer-after=0` (the engine's own auto-answer path, no test hook);
 *   - sip.js:  stock SIP.js 0.21 `Web.SimpleUser`, same Chromium, answering in onCallReceived;
 *   - jssip:   JsSIP 3.13, same Chromium, answering in newRTCSession;
 *   - baresip: Debian's baresip-core, registered over UDP, `answermode=auto`, plain RTP;
 *   - baresip-webrtc: the same baresip answering with a browser's media (ICE, DTLS-SRTP, rtcp-mux),
 *              which Kamailio offers to it as to the browsers: what that media security costs a
 *              native phone, for comparison (the target is set against plain baresip).
 * rtpengine turns sipp's plain RTP offer into ICE + DTLS-SRTP for the three browser phones.
 * sipp places CALLS calls to each (after one warm-up call each, not counted), in ROUNDS rounds
 * whose order rotates, so a burst of load from elsewhere on the machine does not fall on one
 * phone only. Every phone is timed the same way, from sipp's message log (µs timestamps): first
 * INVITE sent → first 200 OK for it received. Prints p50/p95/min/max per phone and the ratio to
 * baresip. Every process it starts (rtpengine, Kamailio, baresip, sipp, Chromium) is stopped by
 * PID, on failure and on Ctrl-C too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BROWSER_PHONES, openBrowserPhones, type BrowserPhone } from './support/browser-phones';
import { startBaresip, startRig } from './support/call-setup-rig';
import { runBench, type CleanupStack } from './support/cleanup';
import { describePhases, probedCalls } from './support/setup-phases';
import { figuresOf, readCallLog, sippCalls, type CallLog, type Figures } from './support/sipp-calls';
import { startWireCapture, wireSplit, type WireCapture, type WireSplit } from './support/wire-split';

const CALLS = 20;
const ROUNDS = 4;
const BARESIP_USER = 'baresip';
/** Kamailio offers ICE + DTLS-SRTP to a callee named webrtc-… (scripts/rig/kamailio.cfg.tmpl). */
const BARESIP_WEBRTC_USER = 'webrtc-baresip';
const probePhases = process.argv.includes('--phases');
const captureWire = process.argv.includes('--wire');

const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const LABEL_WIDTH = 15;

function printWire(splits: WireSplit[]): void {
  console.log('\nOn the wire (tcpdump on loopback; medians): sipp -> SIP server -> phone -> SIP server -> sipp');
  console.log(`  ${'phone'.padEnd(LABEL_WIDTH)} ${'server+relay in'.padStart(16)} ${'phone'.padStart(9)} ${'server+relay out'.padStart(17)} ${'total'.padStart(9)}   calls`);
  for (const split of splits) {
    console.log(`  ${split.label.padEnd(LABEL_WIDTH)} ${ms(split.serverBefore).padStart(16)} ${ms(split.phone).padStart(9)} ${ms(split.serverAfter).padStart(17)} ${ms(split.total).padStart(9)}   ${split.calls}`);
  }
  console.log('  server+relay: Kamailio and rtpengine (offer before the phone, answer after); phone: for a browser phone, Chromium\'s network service, the page and WebRTC.');
}

function printTable(rows: Figures[], baresip: Figures, baresipWebrtc: Figures): void {
  const ratio = (row: Figures, to: Figures): string => `${(row.p50 / to.p50).toFixed(1)}x / ${(row.p95 / to.p95).toFixed(1)}x`;
  console.log(`\nINVITE -> 200 OK through Kamailio, ${CALLS} calls each (+1 warm-up), sipp 3.6 message-log timestamps, one call at a time:`);
  console.log(`  ${'phone'.padEnd(LABEL_WIDTH)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)}   ${'ratio to baresip'.padEnd(16)}   to baresip-webrtc (p50 / p95)`);
  for (const row of rows) {
    console.log(`  ${row.label.padEnd(LABEL_WIDTH)} ${ms(row.p50).padStart(9)} ${ms(row.p95).padStart(9)} ${ms(row.min).padStart(9)} ${ms(row.max).padStart(9)}   ${ratio(row, baresip).padEnd(16)}   ${ratio(row, baresipWebrtc)}`);
  }
  for (const row of rows) {
    if (row.byeUnanswered > 0) console.log(`  WARNING ${row.label}: ${row.byeUnanswered} of ${row.calls} caller BYEs got no answer (the caller would see 408 after 32 s)`);
  }
  console.log('  browser phones and baresip-webrtc: plain RTP offer turned into ICE + DTLS-SRTP by rtpengine; baresip: plain RTP both ways.');
  console.log('  baresip-webrtc is the native phone doing the media security browsers must; the target (<= 5x) is against plain baresip.');
}

async function main(cleanup: CleanupStack): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'centralita-bench-call-setup-'));
  // CALL_SETUP_KEEP_LOGS=1 keeps the logs (sipp, Kamailio, rtpengine, baresip) for a look afterwards.
  const keepLogs = process.env.CALL_SETUP_KEEP_LOGS === '1';
  cleanup.add('temp dir', () => (keepLogs ? console.log(`logs kept in ${work}`) : rmSync(work, { recursive: true, force: true })));
  console.log(`Centralita call-setup benchmark — ${new Date().toISOString()}`);
  const ours = BROWSER_PHONES[0];
  const rig = await startRig(work, cleanup, `sip:${ours.user}@lab.centralita`, (CALLS + 1) * (BROWSER_PHONES.length + 2));
  console.log(`rig: Kamailio udp 127.0.0.1:${rig.sipPort} + ${rig.wsUrl}, rtpengine (userspace); pids ${rig.pids}`);
  const { browserVersion, phones } = await openBrowserPhones(work, cleanup, rig.wsUrl, { probePhases });
  const baresipVersion = await startBaresip(work, cleanup, rig.sipPort, BARESIP_USER);
  await startBaresip(work, cleanup, rig.sipPort, BARESIP_WEBRTC_USER, 'webrtc');
  console.log(`registered: ${phones.map((phone) => `${phone.kind.label} (${phone.kind.describe})`).join(', ')} in Chromium ${browserVersion} over WebSocket; ${baresipVersion} over UDP, plain RTP and ICE + DTLS-SRTP`);

  const callees: Array<{ label: string; user: string; phone: BrowserPhone | null }> = [
    ...phones.map((phone) => ({ label: phone.kind.label, user: phone.kind.user, phone })),
    { label: 'baresip', user: BARESIP_USER, phone: null },
    { label: 'baresip-webrtc', user: BARESIP_WEBRTC_USER, phone: null },
  ];
  // One call each first, not counted: Chromium's first getUserMedia/peer connection and baresip's
  // first audio device open are start-up costs, not call setup.
  for (const callee of callees) await sippCalls(work, cleanup, `${callee.label}-warmup`, rig.sipPort, callee.user, 1);
  const logs = new Map<string, CallLog[]>(callees.map((callee) => [callee.label, []]));
  const wsPort = Number(new URL(rig.wsUrl).port);
  const wire: WireCapture | null = captureWire ? await startWireCapture(work, cleanup, [Number(rig.sipPort), wsPort]) : null;
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = callees.map((_, index) => callees[(index + round) % callees.length]);
    for (const callee of order) {
      const log = await sippCalls(work, cleanup, `${callee.label}-round${round}`, rig.sipPort, callee.user, CALLS / ROUNDS).catch(async (error: unknown) => {
        // sipp only sees the SIP answer; the phone knows why it gave it.
        const said = callee.phone ? (await callee.phone.failures()).slice(-3).join('; ') : '';
        throw new Error(`${String(error)}${said ? `\n${callee.label} says: ${said}` : ''}`);
      });
      logs.get(callee.label)?.push(readCallLog(log));
    }
  }

  const packets = wire ? await wire.stop() : null;
  const rows = callees.map((callee) => figuresOf(callee.label, logs.get(callee.label) ?? []));
  for (const row of rows) if (row.calls !== CALLS) throw new Error(`${row.label}: timed ${row.calls} of ${CALLS} calls in sipp's log`);
  for (const phone of phones) {
    const answered = await phone.answeredCalls();
    if (answered !== CALLS + 1) throw new Error(`${phone.kind.label} reports ${answered} answered calls, sipp placed ${CALLS + 1}: ${(await phone.failures()).slice(0, 3).join('; ')}`);
  }
  const baresip = rows.find((row) => row.label === 'baresip');
  const baresipWebrtc = rows.find((row) => row.label === 'baresip-webrtc');
  if (!baresip || !baresipWebrtc) throw new Error('the baresip rows are missing');
  printTable(rows, baresip, baresipWebrtc);
  if (packets) printWire(callees.map((callee) => wireSplit(packets, callee.label, callee.user, Number(rig.sipPort), wsPort)));
  if (probePhases) {
    for (const phone of phones) {
      console.log(`\n  ${phone.kind.label}: in the page, ms after the INVITE arrived (medians over ${CALLS} calls; the probe adds a few µs):`);
      for (const line of describePhases(await probedCalls(phone.page), 1)) console.log(`    ${line}`);
    }
  }
}

runBench('call-setup', main);
