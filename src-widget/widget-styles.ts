/** The widget's look, applied inside its shadow root so the host page's CSS and ours never mix. */
export const WIDGET_CSS = `
:host { all: initial; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2433; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.launcher { position: fixed; right: 20px; bottom: 20px; border: 0; border-radius: 999px; padding: 12px 18px;
  background: #0b5cad; color: #fff; font: inherit; font-weight: 600; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); z-index: 2147483000; }
.panel { display: flex; flex-direction: column; background: #fff; border: 1px solid #c9d1dd; border-radius: 12px; overflow: hidden; }
.panel.floating { position: fixed; right: 20px; bottom: 20px; width: min(380px, calc(100vw - 40px)); height: min(560px, calc(100vh - 40px));
  box-shadow: 0 8px 30px rgba(0,0,0,.25); z-index: 2147483000; }
.panel.page { max-width: 640px; margin: 24px auto; min-height: 520px; height: calc(100vh - 48px); }
.head { display: flex; align-items: center; justify-content: space-between; background: #0b5cad; color: #fff; padding: 10px 14px; }
.head h2 { font-size: 16px; margin: 0; }
.head button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.6); border-radius: 6px; padding: 4px 8px; font: inherit; cursor: pointer; }
.status { padding: 6px 14px; background: #eef3f9; font-size: 13px; min-height: 1.4em; }
.body { flex: 1; overflow: auto; padding: 12px 14px; }
form.prechat { display: grid; gap: 8px; }
label { display: grid; gap: 2px; font-size: 13px; font-weight: 600; }
input, select, textarea { font: inherit; padding: 6px 8px; border: 1px solid #8a97ab; border-radius: 6px; color: inherit; background: #fff; }
textarea { resize: vertical; min-height: 2.6em; }
button.primary { background: #0b5cad; color: #fff; border: 0; border-radius: 6px; padding: 8px 12px; font: inherit; font-weight: 600; cursor: pointer; }
button.secondary { background: #fff; color: #0b5cad; border: 1px solid #0b5cad; border-radius: 6px; padding: 6px 10px; font: inherit; cursor: pointer; }
:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
ol.log { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
li.msg { max-width: 85%; padding: 6px 10px; border-radius: 10px; background: #eef1f5; justify-self: start; overflow-wrap: anywhere; }
li.msg.mine { justify-self: end; background: #dcebfb; }
li.msg .author { display: block; font-size: 12px; font-weight: 700; color: #3c4a60; }
li.msg .text { white-space: pre-wrap; margin: 0; }
li.msg .receipt { display: block; font-size: 11px; color: #3c4a60; text-align: right; }
li.msg.failed { border: 1px solid #b3261e; }
li.msg a { color: #0b4f94; }
.typing { font-size: 13px; font-style: italic; color: #3c4a60; min-height: 1.4em; padding: 0 14px; }
.error { color: #b3261e; font-size: 13px; padding: 0 14px; min-height: 1em; }
form.composer { display: flex; gap: 8px; padding: 10px 14px; border-top: 1px solid #d8dee8; align-items: end; }
form.composer label { flex: 1; }
.actions { display: flex; gap: 8px; padding: 0 14px 10px; }
.file-input { display: none; }
li.msg .attachment .file-name { font-weight: 600; }
label.check { display: flex; gap: 6px; align-items: center; font-weight: 400; }
.head select.language { font: inherit; font-size: 13px; padding: 2px 4px; margin-left: auto; margin-right: 8px; color: #1d2433; background: #fff; }
.note { font-size: 13px; padding: 0 14px 10px; margin: 0; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
