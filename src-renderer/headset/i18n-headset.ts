/**
 * The headset section's strings in es (reference shape), ca and en. Each language file spreads
 * its own block in as `headset`.
 */
export const headsetEs = {
  title: 'Botones del auricular',
  unsupported: 'Este navegador no deja usar los botones del auricular (WebHID). Funcionan en la aplicación de escritorio, en Chrome y en Edge.',
  none: 'No hay ningún auricular conectado.',
  connecting: 'Conectando {{name}}…',
  connected: '{{name}}: contestar, colgar y silenciar funcionan desde el auricular.',
  unplugged: '{{name}} está desenchufado. Se volverá a conectar al enchufarlo.',
  openFailed: 'No se ha podido abrir {{name}}. Puede que otra aplicación lo esté usando.',
  noControls: '{{name}} no tiene botones de llamada que Centralita entienda.',
  connect: 'Conectar auricular',
  chooseOther: 'Elegir otro auricular',
  hint: 'Auriculares USB de Jabra, Poly, EPOS, Yealink, Logitech, Microsoft y otros con los botones estándar de telefonía. Las luces muestran si suena, si hay llamada y si está silenciado.',
};

type HeadsetStrings = { readonly [K in keyof typeof headsetEs]: string };

export const headsetCa: HeadsetStrings = {
  title: "Botons de l'auricular",
  unsupported: "Aquest navegador no permet fer servir els botons de l'auricular (WebHID). Funcionen a l'aplicació d'escriptori, a Chrome i a Edge.",
  none: 'No hi ha cap auricular connectat.',
  connecting: 'Connectant {{name}}…',
  connected: "{{name}}: respondre, penjar i silenciar funcionen des de l'auricular.",
  unplugged: "{{name}} està desendollat. Es tornarà a connectar quan l'endollis.",
  openFailed: "No s'ha pogut obrir {{name}}. Potser una altra aplicació l'està fent servir.",
  noControls: '{{name}} no té botons de trucada que Centralita entengui.',
  connect: 'Connecta un auricular',
  chooseOther: 'Tria un altre auricular',
  hint: "Auriculars USB de Jabra, Poly, EPOS, Yealink, Logitech, Microsoft i altres amb els botons estàndard de telefonia. Els llums mostren si sona, si hi ha trucada i si està silenciat.",
};

export const headsetEn: HeadsetStrings = {
  title: 'Headset buttons',
  unsupported: 'This browser cannot use headset buttons (WebHID). They work in the desktop app, in Chrome and in Edge.',
  none: 'No headset connected.',
  connecting: 'Connecting {{name}}…',
  connected: '{{name}}: answer, hang up and mute work from the headset.',
  unplugged: '{{name}} is unplugged. It will reconnect when you plug it in.',
  openFailed: 'Could not open {{name}}. Another app may be using it.',
  noControls: '{{name}} has no call buttons Centralita understands.',
  connect: 'Connect headset',
  chooseOther: 'Choose another headset',
  hint: 'USB headsets from Jabra, Poly, EPOS, Yealink, Logitech, Microsoft and others with the standard telephony buttons. The lights show when a call rings, when one is up and when you are muted.',
};
