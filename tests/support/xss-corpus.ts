/**
 * Markup that runs script in a careless renderer, each piece marking `__xss` on the window it
 * runs in (and its parent) with its own number, so a test names the one that got through.
 * Classic vectors plus the ones that beat naive sanitisers: event handlers, javascript: and
 * data: URLs, SVG and MathML namespace confusion, srcdoc frames, meta refresh, form actions,
 * template/noscript mutation, CSS expressions and broken-quote attributes.
 */
const mark = (n: number): string => `(window.top||window).__xss=(window.top||window).__xss||[];(window.top||window).__xss.push(${n})`;

export const XSS_CORPUS: readonly string[] = [
  `<script>${mark(1)}</script>`,
  `<img src=x onerror="${mark(2)}">`,
  `<svg onload="${mark(3)}"></svg>`,
  `<a href="javascript:${mark(4)}">clic</a>`,
  `<iframe src="javascript:${mark(5)}"></iframe>`,
  `<iframe srcdoc="<script>${mark(6)}</script>"></iframe>`,
  `<body onload="${mark(7)}">`,
  `<details open ontoggle="${mark(8)}">x</details>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${mark(9)}">`,
  `<svg><style><img src=x onerror="${mark(10)}"></style></svg>`,
  `<form action="javascript:${mark(11)}"><button>enviar</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${mark(12)}">`,
  `<object data="data:text/html,<script>${mark(13)}</script>"></object>`,
  `<embed src="data:text/html,<script>${mark(14)}</script>">`,
  `<noscript><p title="</noscript><img src=x onerror=${mark(15)}>"></noscript>`,
  `<template><img src=x onerror="${mark(16)}"></template>`,
  `<div style="background:url(javascript:${mark(17)})">css</div>`,
  `<img src="x" alt="a"onerror="${mark(18)}">`,
  `<video><source onerror="${mark(19)}"></video>`,
  `<input autofocus onfocus="${mark(20)}">`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>`,
  `<isindex type=image src=1 onerror="${mark(22)}">`,
];

/** One string of every piece, for a subject, a sender's name or a file name. */
export const XSS_LINE = XSS_CORPUS.slice(0, 4).join(' ');
