/**
 * The widget's DOM, built once inside a shadow root and updated from the connection's
 * snapshot. Every string that came from a customer or an agent is set with textContent (or
 * as text nodes and http(s) anchors): nothing is ever parsed as HTML.
 */
import type { ChatMessage, PreChatForm } from '../src-common/chat';
import type { ChatConnection, ChatSnapshot } from './chat-connection';
import { appendTextWithLinks } from './text-with-links';
import { errorText, fill, LANGUAGE_NAMES, type WidgetLanguage, type WidgetStrings } from './widget-strings';
import { WIDGET_CSS } from './widget-styles';

export type WidgetMode = 'page' | 'bubble';

/** The widget's own language switch: the current language and what to do when the customer picks another. */
export interface LanguageSwitch {
  current: WidgetLanguage;
  choose(language: WidgetLanguage): void;
  /** Mounted again after a switch: a floating panel stays open, with focus back on the switch. */
  reopened?: boolean;
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, props: Partial<Record<'className' | 'id' | 'type' | 'textContent', string>> = {}): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.id) node.id = props.id;
  if (props.textContent) node.textContent = props.textContent;
  if (props.type) node.setAttribute('type', props.type);
  return node;
}

function field(doc: Document, label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): HTMLLabelElement {
  const wrap = el(doc, 'label');
  wrap.append(doc.createTextNode(label), control);
  return wrap;
}

export function mountWidget(host: HTMLElement, mode: WidgetMode, t: WidgetStrings, connection: ChatConnection, languages?: LanguageSwitch): void {
  const doc = host.ownerDocument;
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(WIDGET_CSS);
  shadow.adoptedStyleSheets = [sheet];

  const panel = el(doc, 'section', { className: `panel ${mode === 'page' ? 'page' : 'floating'}` });
  panel.setAttribute('aria-labelledby', 'centralita-chat-title');
  const head = el(doc, 'header', { className: 'head' });
  head.append(el(doc, 'h2', { id: 'centralita-chat-title', textContent: t.title }));
  const picker = languages ? el(doc, 'select', { className: 'language' }) : null;
  if (languages && picker) {
    picker.setAttribute('aria-label', t.language);
    for (const [code, label] of Object.entries(LANGUAGE_NAMES)) {
      const option = el(doc, 'option', { textContent: label });
      option.value = code;
      option.lang = code;
      picker.append(option);
    }
    picker.value = languages.current;
    picker.addEventListener('change', () => {
      const chosen = Object.keys(LANGUAGE_NAMES).find((code): code is WidgetLanguage => code === picker.value);
      if (chosen) languages.choose(chosen);
    });
    head.append(picker);
  }
  const status = el(doc, 'div', { className: 'status' });
  status.setAttribute('role', 'status');
  const body = el(doc, 'div', { className: 'body' });

  // Pre-chat form.
  const form = el(doc, 'form', { className: 'prechat' });
  form.noValidate = false;
  const intro = el(doc, 'p', { textContent: t.intro });
  const name = el(doc, 'input');
  name.name = 'name';
  name.required = true;
  name.maxLength = 120;
  name.autocomplete = 'name';
  const email = el(doc, 'input');
  email.name = 'email';
  email.type = 'email';
  email.maxLength = 254;
  email.autocomplete = 'email';
  const phone = el(doc, 'input');
  phone.name = 'phone';
  phone.type = 'tel';
  phone.maxLength = 40;
  phone.autocomplete = 'tel';
  const topic = el(doc, 'select');
  topic.name = 'topic';
  topic.required = true;
  const first = el(doc, 'textarea');
  first.name = 'text';
  first.maxLength = 4000;
  // "Email me the transcript" makes sense only with an address, so it appears once one is typed.
  const wantsTranscript = el(doc, 'input', { type: 'checkbox' });
  wantsTranscript.name = 'transcriptByEmail';
  const transcriptOption = el(doc, 'label', { className: 'check' });
  transcriptOption.append(wantsTranscript, doc.createTextNode(t.emailTranscript));
  const showTranscriptOption = (): void => {
    transcriptOption.hidden = email.value.trim() === '';
  };
  email.addEventListener('input', showTranscriptOption);
  const startButton = el(doc, 'button', { className: 'primary', type: 'submit', textContent: t.start });
  form.append(intro, field(doc, t.name, name), field(doc, t.email, email), transcriptOption, field(doc, t.phone, phone), field(doc, t.topic, topic), field(doc, t.firstMessage, first), startButton);

  // The live region wraps the list: a list with role=log would stop being a list for its items.
  const logRegion = el(doc, 'div');
  logRegion.setAttribute('role', 'log');
  logRegion.setAttribute('aria-label', t.log);
  logRegion.setAttribute('aria-live', 'polite');
  const log = el(doc, 'ol', { className: 'log' });
  logRegion.append(log);
  body.append(form, logRegion);

  const typing = el(doc, 'div', { className: 'typing' });
  typing.setAttribute('aria-live', 'polite');
  const error = el(doc, 'div', { className: 'error' });
  error.setAttribute('role', 'alert');

  const composer = el(doc, 'form', { className: 'composer' });
  const input = el(doc, 'textarea');
  input.name = 'message';
  input.rows = 2;
  input.maxLength = 4000;
  const send = el(doc, 'button', { className: 'primary', type: 'submit', textContent: t.send });
  // The hub decides what it accepts from the bytes; `accept` only guides the file picker.
  const fileInput = el(doc, 'input', { type: 'file', className: 'file-input' });
  fileInput.accept = 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,.txt,.pdf';
  fileInput.setAttribute('aria-label', t.attach);
  const attach = el(doc, 'button', { className: 'secondary attach', type: 'button', textContent: t.attach });
  attach.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void connection.sendFile(file);
    fileInput.value = '';
  });
  composer.append(field(doc, t.message, input), send, attach, fileInput);

  const actions = el(doc, 'div', { className: 'actions' });
  const leave = el(doc, 'button', { className: 'secondary', type: 'button', textContent: t.leave });
  const again = el(doc, 'button', { className: 'secondary', type: 'button', textContent: t.newChat });
  const mailTranscript = el(doc, 'button', { className: 'secondary', type: 'button', textContent: t.emailTranscript });
  const transcriptNote = el(doc, 'p', { className: 'note' });
  actions.append(leave, again, mailTranscript);

  panel.append(head, status, body, typing, error, composer, actions, transcriptNote);

  let launcher: HTMLButtonElement | null = null;
  if (mode === 'bubble') {
    launcher = el(doc, 'button', { className: 'launcher', type: 'button', textContent: t.open });
    launcher.setAttribute('aria-expanded', 'false');
    const close = el(doc, 'button', { type: 'button', textContent: t.close });
    head.append(close);
    panel.hidden = true;
    const toggle = (open: boolean): void => {
      panel.hidden = !open;
      if (launcher) {
        launcher.hidden = open;
        launcher.setAttribute('aria-expanded', String(open));
      }
      if (open) connection.markRead();
      (open ? name : launcher)?.focus();
    };
    launcher.addEventListener('click', () => toggle(true));
    close.addEventListener('click', () => toggle(false));
    shadow.append(launcher);
    if (languages?.reopened) toggle(true);
  }
  shadow.append(panel);
  if (languages?.reopened) picker?.focus();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values: PreChatForm = { name: name.value.trim(), topic: topic.value };
    if (email.value.trim()) values.email = email.value.trim();
    if (phone.value.trim()) values.phone = phone.value.trim();
    if (first.value.trim()) values.text = first.value.trim();
    if (values.email && wantsTranscript.checked) values.transcriptByEmail = true;
    if (languages) values.language = languages.current;
    connection.start(values);
    first.value = '';
  });
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    connection.send(text);
    input.value = '';
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  input.addEventListener('input', () => connection.typing(input.value.length > 0));
  leave.addEventListener('click', () => connection.leave());
  again.addEventListener('click', () => connection.reset());
  mailTranscript.addEventListener('click', () => connection.emailTranscript());
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'visible') connection.markRead();
  });

  let topicsShown = '';
  let profileApplied = false;
  const render = (s: ChatSnapshot): void => {
    const conversation = s.conversation;
    const open = conversation !== null && conversation.state !== 'closed';
    const closed = conversation?.state === 'closed';
    form.hidden = conversation !== null;
    composer.hidden = !open;
    leave.hidden = !open;
    again.hidden = !closed;
    startButton.disabled = s.status !== 'online';

    const topicKey = s.topics.map((x) => `${x.id}:${x.label}`).join('|');
    if (topicKey !== topicsShown) {
      topicsShown = topicKey;
      topic.replaceChildren(
        ...s.topics.map((x) => {
          const option = el(doc, 'option', { textContent: x.label });
          option.value = x.id;
          return option;
        }),
      );
    }
    if (s.profile && !profileApplied) {
      profileApplied = true;
      if (!name.value) name.value = s.profile.name;
      if (!email.value) email.value = s.profile.email;
      if (!phone.value) phone.value = s.profile.phone;
    }
    showTranscriptOption();
    // The hub sends to the email the visitor gave; without one there is nothing to offer.
    const emailKnown = Boolean(s.profile?.email || email.value.trim());
    const requested = conversation?.transcriptRequested === true;
    mailTranscript.hidden = !closed || requested || !emailKnown;
    transcriptNote.hidden = !requested;
    transcriptNote.textContent = requested ? (closed ? t.transcriptSent : t.transcriptPromised) : '';

    const agent = conversation?.agentName ?? '';
    status.textContent =
      s.status !== 'online'
        ? t.reconnecting
        : !conversation
          ? ''
          : conversation.state === 'waiting'
            ? t.waiting
            : conversation.state === 'active'
              ? fill(t.withAgent, { name: agent })
              : conversation.closedBy === 'customer'
                ? t.closedByCustomer
                : fill(t.closedByAgent, { name: agent });
    typing.textContent = s.agentTyping !== null && open ? fill(t.typing, { name: s.agentTyping || agent }) : '';
    error.textContent = s.error === null ? '' : errorText(t, s.errorCode, s.error, s.retryAfter);
    attach.disabled = s.uploading > 0;
    attach.textContent = s.uploading > 0 ? t.uploading : t.attach;

    log.replaceChildren(
      ...s.messages.map((m) => messageItem(doc, m, t, conversation?.agentReadSeq ?? 0, connection)),
      ...s.pending.map((p) => {
        const li = el(doc, 'li', { className: `msg mine${p.failed ? ' failed' : ''}` });
        li.append(el(doc, 'span', { className: 'author', textContent: t.you }));
        const text = el(doc, 'p', { className: 'text' });
        appendTextWithLinks(text, p.text);
        li.append(text, el(doc, 'span', { className: 'receipt', textContent: p.failed ? `${t.failed}: ${errorText(t, p.failedCode ?? null, p.failed, p.failedRetryAfter ?? null)}` : t.sending }));
        return li;
      }),
    );
    body.scrollTop = body.scrollHeight;
    if (doc.visibilityState === 'visible' && !panel.hidden) connection.markRead();
  };
  connection.onChange(render);
  render(connection.snapshot);
}

function messageItem(doc: Document, m: ChatMessage, t: WidgetStrings, agentReadSeq: number, connection: ChatConnection): HTMLLIElement {
  const mine = m.author === 'customer';
  const li = el(doc, 'li', { className: `msg${mine ? ' mine' : ''}` });
  li.dataset.seq = String(m.seq);
  li.append(el(doc, 'span', { className: 'author', textContent: mine ? t.you : m.authorName }));
  const attachment = m.attachment;
  if (attachment) {
    // The file's name is the sender's text: set as textContent, the file itself only downloaded.
    const file = el(doc, 'p', { className: 'text attachment' });
    file.append(el(doc, 'span', { className: 'file-name', textContent: attachment.name }), doc.createTextNode(` (${formatSize(attachment.size)}) `));
    const download = el(doc, 'button', { className: 'secondary', type: 'button', textContent: t.download });
    download.setAttribute('aria-label', `${t.download}: ${attachment.name}`);
    download.addEventListener('click', () => void connection.download(attachment));
    file.append(download);
    li.append(file);
  } else {
    const text = el(doc, 'p', { className: 'text' });
    appendTextWithLinks(text, m.text);
    li.append(text);
  }
  if (mine) li.append(el(doc, 'span', { className: 'receipt', textContent: m.seq <= agentReadSeq ? t.read : t.sent }));
  return li;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
