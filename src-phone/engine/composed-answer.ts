/**
 * The SDP answer the phone writes itself, so a call's 200 OK can leave as soon as the INVITE is
 * read instead of after the browser's own SDP steps (setRemoteDescription, createAnswer,
 * setLocalDescription and the first candidate: about 6 ms of the 8 ms a browser phone spends on
 * an answer). The browser then takes the same text as its local description, so what the far
 * end was told and what the media engine does are one description. Pure SDP, unit-tested against
 * real browser and media-server descriptions.
 *
 * What our side of the answer says comes from the prepared peer connection itself
 * (`answerTemplateFrom`, read from an offer it made while preparing, which changes nothing in
 * it): its DTLS certificate's fingerprint, ICE credentials, the codecs, header extensions and
 * RTP feedback it supports with its own parameters, its sender's SSRC and stream ids. What the
 * answer agrees to is what an answer must: the offer's payload types, extension ids, mid and
 * bundle group, and the DTLS role left to us.
 *
 * It carries no candidate, so it is made only for an offer whose far end reaches us without our
 * candidates (ice-answer-readiness.ts: a media server on its own address, an ICE-lite one):
 * our connectivity checks reach it, and it learns our address from them. Its connection line
 * names our host address with the discard port, as a default destination, never 0.0.0.0, which
 * some PBXs read as being put on hold. Any offer outside the common shape (more than one
 * stream, no ICE or DTLS, a direction other than sendrecv, no codec in common) gets null: the
 * browser answers it itself, as before.
 */
import { parse, parsePayloads, write, type MediaAttributes, type MediaDescription, type SessionDescription } from 'sdp-transform';
import { farEndReachableDirectly } from './ice-answer-readiness';

// sdp-transform turns every value that reads as a number into one (an fmtp of "111", a codec
// named "123"), whatever its declared type: values read from a far end's offer go through
// String() before any string method.

interface TemplateCodec {
  /** "opus/48000/2", lower-case: what identifies a codec across payload type numbers. */
  key: string;
  fmtp: string | null;
  feedback: string[];
}

/** Our side of an answer, as the prepared peer connection will make it. */
export interface AnswerTemplate {
  /**
   * The o= line's session id and version. The browser keeps its own for the later offers it
   * makes in the call (a re-INVITE, an ICE restart), and a far end expects one session id.
   */
  origin: { sessionId: string; sessionVersion: number };
  fingerprint: { type: string; hash: string };
  iceUfrag: string;
  icePwd: string;
  codecs: TemplateCodec[];
  extensionUris: string[];
  ssrc: number;
  cname: string;
  /** "<stream id> <track id>" */
  msid: string;
  /** Our host address, named as the default destination. */
  address: string;
  /**
   * Our `a=rtcp-xr` value ("rcvr-rtt=all"), answered when the offer has one: Chromium refuses,
   * as SDP munging, a local answer without the line its own would carry.
   */
  rtcpXr: string | null;
}

/** The value of an `a=rtcp-xr:` line; sdp-transform keeps attributes it does not know on `invalid`. */
function rtcpXrOf(media: MediaAttributes): string | null {
  const line = (media.invalid ?? []).map((entry) => String(entry.value)).find((value) => value.startsWith('rtcp-xr:'));
  return line === undefined ? null : line.slice('rtcp-xr:'.length);
}

/** Codecs whose parameters name other payload types (by the offer's numbers). */
const CODECS_NAMING_PAYLOADS = new Set(['red', 'rtx', 'ulpfec', 'flexfec-03']);
/** Not a voice codec: an answer whose first common codec is one of these carries no audio. */
const NOT_VOICE = new Set(['telephone-event', 'cn', ...CODECS_NAMING_PAYLOADS]);

function codecKey(codec: string, rate: number | undefined, encoding: number | string | undefined): string {
  return [String(codec).toLowerCase(), rate, encoding !== undefined && String(encoding) !== '1' ? encoding : undefined].filter((part) => part !== undefined).join('/');
}

function codecName(key: string): string {
  return key.split('/')[0] ?? '';
}

function fmtpOf(media: MediaAttributes, payload: number): string | null {
  const config = media.fmtp.find((entry) => entry.payload === payload)?.config;
  return config === undefined ? null : String(config);
}

function feedbackOf(media: MediaAttributes, payload: number | string): string[] {
  return (media.rtcpFb ?? []).filter((entry) => String(entry.payload) === String(payload)).map((entry) => (entry.subtype ? `${entry.type} ${entry.subtype}` : entry.type));
}

function ssrcAttribute(media: MediaAttributes, attribute: string): { id: number; value: string } | null {
  const entry = (media.ssrcs ?? []).find((line) => line.attribute === attribute && line.value !== undefined);
  return entry ? { id: Number(entry.id), value: String(entry.value) } : null;
}

/**
 * Reads our side of an answer from an offer the prepared peer connection made (its one audio
 * section) and our host address. Null when that offer lacks something an answer needs.
 */
export function answerTemplateFrom(ownOfferSdp: string, address: string): AnswerTemplate | null {
  const session = parse(ownOfferSdp);
  const media = session.media.find((section) => section.type === 'audio');
  const fingerprint = media?.fingerprint ?? session.fingerprint;
  const iceUfrag = media?.iceUfrag ?? session.iceUfrag;
  const icePwd = media?.icePwd ?? session.icePwd;
  if (!media || !fingerprint || !iceUfrag || !icePwd) return null;
  const cname = ssrcAttribute(media, 'cname');
  const msid = media.msid?.[0];
  if (!cname || !msid?.appdata) return null;
  const codecs = media.rtp.map((codec) => ({ key: codecKey(codec.codec, codec.rate, codec.encoding), fmtp: fmtpOf(media, codec.payload), feedback: feedbackOf(media, codec.payload) }));
  return {
    origin: { sessionId: String(session.origin.sessionId), sessionVersion: session.origin.sessionVersion },
    fingerprint: { type: String(fingerprint.type), hash: String(fingerprint.hash) },
    iceUfrag: String(iceUfrag),
    icePwd: String(icePwd),
    codecs,
    extensionUris: (media.ext ?? []).map((extension) => String(extension.uri)),
    ssrc: cname.id,
    cname: String(cname.value),
    msid: `${msid.id} ${msid.appdata}`,
    address,
    rtcpXr: rtcpXrOf(media),
  };
}

/** Payload types an offer may list without an rtpmap line (RFC 3551). */
const STATIC_PAYLOAD_TYPES = new Map<number, MediaAttributes['rtp'][number]>(
  ([[0, 'PCMU'], [8, 'PCMA'], [9, 'G722'], [13, 'CN'], [18, 'G729']] as const).map(([payload, codec]) => [payload, { payload, codec, rate: 8000 }]),
);

/** DTLS-SRTP profiles browsers answer, with the offer's name kept (media servers often say RTP/SAVPF). */
const SECURE_RTP_PROFILES = new Set(['UDP/TLS/RTP/SAVPF', 'RTP/SAVPF', 'UDP/TLS/RTP/SAVP', 'RTP/SAVP']);

const ANSWER_SETUP: Record<string, string> = { actpass: 'active', active: 'passive', passive: 'active' };

/**
 * What the browser's setRemoteDescription checks of ICE credentials (RFC 8839 §5.4: ice-chars,
 * a ufrag of 4 to 256, a password of 22 to 256) and of a DTLS fingerprint (a hash it knows, as
 * hex pairs). An offer failing them would be refused after our 200 OK left, and the call would
 * connect and drop; left to the browser, it is refused before any answer.
 */
const ICE_CHARS = /^[A-Za-z0-9+/]+$/;
const FINGERPRINT_HASHES = new Set(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']);

function wellFormedIce(ufrag: unknown, pwd: unknown): boolean {
  const [user, password] = [String(ufrag ?? ''), String(pwd ?? '')];
  return ICE_CHARS.test(user) && ICE_CHARS.test(password) && user.length >= 4 && user.length <= 256 && password.length >= 22 && password.length <= 256;
}

function wellFormedFingerprint(fingerprint: { type: string; hash: string } | undefined): boolean {
  return !!fingerprint && FINGERPRINT_HASHES.has(String(fingerprint.type).toLowerCase()) && /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})+$/.test(String(fingerprint.hash));
}

/** The one audio section an answer can be composed for, or null. */
function answerableSection(offer: SessionDescription): MediaDescription | null {
  if (offer.media.length !== 1) return null;
  const media = offer.media[0];
  if (!media || media.type !== 'audio' || media.port === 0 || !SECURE_RTP_PROFILES.has(media.protocol)) return null;
  if (!wellFormedIce(media.iceUfrag ?? offer.iceUfrag, media.icePwd ?? offer.icePwd) || !wellFormedFingerprint(media.fingerprint ?? offer.fingerprint)) return null;
  if (!media.rtcpMux || media.mid === undefined) return null;
  if ((media.direction ?? offer.direction ?? 'sendrecv') !== 'sendrecv') return null;
  return media;
}

interface CommonCodec {
  codec: MediaAttributes['rtp'][number];
  ours: TemplateCodec;
  /** The fmtp the answer gives it: ours, or for a codec naming payload types, the offer's. */
  parameters: string | null;
}

/**
 * The offer's codecs we support, in the offer's order and with its payload types, as the
 * browser answers them. A codec whose parameters name payload types (RED over Opus: "111/111")
 * is kept with the offer's parameters when every type it names is kept too.
 */
function commonCodecs(offered: MediaDescription, template: AnswerTemplate): CommonCodec[] {
  const byKey = new Map(template.codecs.map((codec) => [codec.key, codec]));
  const matched = parsePayloads(offered.payloads ?? '').flatMap((payload) => {
    const codec = offered.rtp.find((entry) => entry.payload === payload) ?? STATIC_PAYLOAD_TYPES.get(payload);
    const ours = codec && byKey.get(codecKey(codec.codec, codec.rate, codec.encoding));
    return codec && ours ? [{ codec, ours }] : [];
  });
  const plain = new Set(matched.filter(({ ours }) => !CODECS_NAMING_PAYLOADS.has(codecName(ours.key))).map(({ codec }) => codec.payload));
  return matched.flatMap(({ codec, ours }) => {
    if (!CODECS_NAMING_PAYLOADS.has(codecName(ours.key))) return [{ codec, ours, parameters: ours.fmtp }];
    const parameters = fmtpOf(offered, codec.payload);
    const named = parameters?.split('/').map(Number) ?? [];
    return parameters && named.length > 0 && named.every((payload) => plain.has(payload)) ? [{ codec, ours, parameters }] : [];
  });
}

/**
 * Our answer to this offer, or null when the browser must answer it itself (see the top of this
 * file).
 */
export function composeAnswer(offerSdp: string, template: AnswerTemplate): string | null {
  if (!farEndReachableDirectly(offerSdp)) return null;
  const offer = parse(offerSdp);
  const offered = answerableSection(offer);
  // No a=setup: RFC 4145's default for the offerer is active, which a browser offer never is; left to the browser.
  const offeredSetup = offered?.setup ?? offer.setup;
  const setup = offeredSetup === undefined ? undefined : ANSWER_SETUP[String(offeredSetup)];
  if (!offered || !setup) return null;

  const rtp: MediaAttributes['rtp'] = [];
  const fmtp: MediaAttributes['fmtp'] = [];
  const rtcpFb: NonNullable<MediaAttributes['rtcpFb']> = [];
  for (const { codec, ours, parameters } of commonCodecs(offered, template)) {
    rtp.push({ payload: codec.payload, codec: codec.codec, rate: codec.rate, encoding: codec.encoding });
    if (parameters) fmtp.push({ payload: codec.payload, config: parameters });
    // `a=rtcp-fb:*` (as Asterisk writes transport-cc) applies to every payload type.
    const offeredFeedback = new Set([...feedbackOf(offered, codec.payload), ...feedbackOf(offered, '*')]);
    for (const feedback of ours.feedback.filter((entry) => offeredFeedback.has(entry))) {
      const [type = '', subtype] = feedback.split(' ');
      rtcpFb.push(subtype ? { payload: codec.payload, type, subtype } : { payload: codec.payload, type });
    }
  }
  const first = rtp[0];
  if (!first || NOT_VOICE.has(String(first.codec).toLowerCase())) return null;

  const extensions = new Set(template.extensionUris);
  // An extension offered with a direction (RFC 8285 §6) is left out rather than answered with the wrong one.
  const ext = (offered.ext ?? []).filter((extension) => extensions.has(extension.uri) && !extension['encrypt-uri'] && !extension.direction).map((extension) => ({ value: extension.value, uri: extension.uri }));
  const bundled = (offer.groups ?? []).some((group) => group.type === 'BUNDLE' && String(group.mids).split(' ').includes(String(offered.mid)));
  const ipVer = template.address.includes(':') ? 6 : 4;
  const [streamId = '-', trackId = ''] = template.msid.split(' ');

  const answer: SessionDescription = {
    version: 0,
    origin: { username: '-', sessionId: template.origin.sessionId, sessionVersion: template.origin.sessionVersion, netType: 'IN', ipVer: 4, address: '127.0.0.1' },
    name: '-',
    timing: { start: 0, stop: 0 },
    ...(bundled ? { groups: [{ type: 'BUNDLE', mids: String(offered.mid) }] } : {}),
    ...(offer.extmapAllowMixed ? { extmapAllowMixed: 'extmap-allow-mixed' as const } : {}),
    msidSemantic: { semantic: 'WMS', token: streamId },
    media: [
      {
        type: 'audio',
        port: 9,
        protocol: offered.protocol,
        payloads: rtp.map((codec) => codec.payload).join(' '),
        connection: { version: ipVer, ip: template.address },
        rtcp: { port: 9, netType: 'IN', ipVer, address: template.address },
        iceUfrag: template.iceUfrag,
        icePwd: template.icePwd,
        iceOptions: 'trickle',
        fingerprint: template.fingerprint,
        setup,
        mid: offered.mid,
        ext,
        direction: 'sendrecv',
        msid: [{ id: streamId, appdata: trackId }],
        rtcpMux: 'rtcp-mux',
        ...(offered.rtcpRsize ? { rtcpRsize: 'rtcp-rsize' as const } : {}),
        rtp,
        fmtp,
        rtcpFb,
        ssrcs: [{ id: template.ssrc, attribute: 'cname', value: template.cname }],
        ...(template.rtcpXr !== null && rtcpXrOf(offered) !== null ? { invalid: [{ value: `rtcp-xr:${template.rtcpXr}` }] } : {}),
      },
    ],
  };
  return write(answer);
}
