/**
 * The demo configuration of the embedded lab hub (`npm start`), as the YAML an operator would
 * write. Lab only: plaintext passwords ("centralita" for everyone) are allowed because the
 * file says `lab: true`. `npm run hub -- --print-demo-config > hub.yaml` writes it out as a
 * starting point.
 */
import type { HubConfig } from '../../src-common/hub-config';
import { parseHubConfig } from '../config/load-config';

export const DEMO_PASSWORD = 'centralita';

export const DEMO_CONFIG_YAML = `# Centralita demo hub (lab only: plaintext passwords need lab: true)
lab: true
users:
  - { id: ana, username: ana, displayName: Ana Martín, role: agent, password: ${DEMO_PASSWORD},
      skills: { ventas: 8, soporte: 6, voz: 6, correo: 5 } }
  - { id: jordi, username: jordi, displayName: Jordi Puig, role: agent, password: ${DEMO_PASSWORD},
      skills: { ventas: 5, soporte: 8, voz: 7, correo: 4 } }
  - { id: marta, username: marta, displayName: Marta Ruiz, role: agent, password: ${DEMO_PASSWORD},
      skills: { ventas: 6, soporte: 7, voz: 6, correo: 8 } }
  - { id: sara, username: sara, displayName: Sara Vidal, role: supervisor, password: ${DEMO_PASSWORD} }
  - { id: admin, username: admin, displayName: Administración, role: admin, password: ${DEMO_PASSWORD} }
queues:
# Labels the desktop shows (queue names, reasons, dispositions): one text, or one per language.
  - { id: ventas, name: { es: Ventas, ca: Vendes, en: Sales }, channel: chat, priority: 20, requiredSkills: { ventas: 1 } }
  - { id: soporte, name: { es: Soporte, ca: Suport, en: Support }, channel: chat, priority: 10, requiredSkills: { soporte: 1 } }
  - { id: soporte-voz, name: { es: Soporte (voz), ca: Suport (veu), en: Support (voice) }, channel: voice, priority: 30, requiredSkills: { voz: 3 } }
  - { id: correo, name: { es: Correo, ca: Correu, en: Email }, channel: email, priority: 0, requiredSkills: { correo: 1 },
      responseTargetMinutes: 240 }
reasonCodes:
  - { id: break, label: { es: Descanso, ca: Descans, en: Break } }
  - { id: lunch, label: { es: Comida, ca: Dinar, en: Lunch } }
  - { id: training, label: { es: Formación, ca: Formació, en: Training } }
  - { id: missed, label: { es: Ofertas perdidas, ca: Ofertes perdudes, en: Missed offers } }
dispositions:
  - { id: resolved, label: { es: Resuelto, ca: Resolt, en: Resolved } }
  - { id: callback, label: { es: Volver a llamar, ca: Tornar a trucar, en: Call back } }
  - { id: escalated, label: { es: Escalado, ca: Escalat, en: Escalated } }
  - { id: sale, label: { es: Venta, ca: Venda, en: Sale } }
  - { id: no-answer, label: { es: Sin respuesta, ca: Sense resposta, en: No answer } }
capacity: { voice: 1, chat: 3, email: 2, voiceExclusive: true, maxChatsDuringVoice: 1 }
offerTimeoutSeconds: 30
maxMissedOffers: 2
wrapUpSeconds: 120
eventRetention: { maxAgeHours: 72, maxEvents: 1000000 }
# Voice. Callers dial 5000 (or any number) to reach "Soporte (voz)". Phones register to the hub's
# built-in SIP proxy at <hub>/ws/sip (lab use only; production uses Kamailio, Asterisk or
# FreeSWITCH); the hub hands each agent's phone its settings after sign-in. A Kamailio in the lab
# can ask the routing API instead, with this documented lab secret (loopback only).
voice:
  routingSecret: centralita-lab-voice-routing
  numbers: { "5000": soporte-voz }
  defaultQueueId: soporte-voz
  sipDomain: lab.centralita
  labProxy: { enabled: true }
# Canned chat responses: the agent types "/" and the shortcut; {customerName} and {agentName} are filled in.
cannedResponses:
  - id: saludo
    shortcut: saludo
    title: Saludo
    text: "Hola {customerName}, soy {agentName}. ¿En qué puedo ayudarle?"
  - id: espera
    shortcut: espera
    title: Un momento
    text: "Gracias, {customerName}. Lo consulto y le respondo en un momento."
  - id: despedida
    shortcut: despedida
    title: Despedida
    text: "Gracias por contactar con nosotros, {customerName}. ¡Que tenga un buen día!"
  - id: factura
    shortcut: factura
    title: Copia de factura
    text: "Le enviamos una copia de la factura a su correo en unos minutos."
# The customer's page in an external CRM (lab placeholder host), opened in the system browser.
crm:
  customerUrl: "https://crm.example/customers/{customerId}"
# Email reply templates and the signature of the email queue, in the languages customers write in:
# the agent picks the template and its language; {customerName}, {agentName}, {queueName} and
# {subject} are filled in before they see it.
emailTemplates:
  - id: recibido
    title: { es: Acuse de recibo, ca: Justificant de recepció, en: Acknowledgement }
    text:
      es: "Hola {customerName}:\\n\\nGracias por escribirnos sobre «{subject}». Ya lo estamos revisando y le responderemos en menos de 24 horas."
      ca: "Hola {customerName}:\\n\\nGràcies per escriure'ns sobre «{subject}». Ja ho estem revisant i us respondrem en menys de 24 hores."
      en: "Hello {customerName},\\n\\nThank you for writing to us about \\"{subject}\\". We are looking into it and will answer within 24 hours."
  - id: factura
    title: { es: Copia de factura, ca: Còpia de factura, en: Invoice copy }
    text:
      es: "Hola {customerName}:\\n\\nLe adjuntamos la copia de la factura que nos pidió. Si necesita algo más, responda a este mismo correo."
      ca: "Hola {customerName}:\\n\\nUs adjuntem la còpia de la factura que ens vau demanar. Si necessiteu res més, responeu aquest mateix correu."
      en: "Hello {customerName},\\n\\nPlease find the copy of the invoice you asked for. If you need anything else, just reply to this email."
# Lab mail (lab only): email both ways with no mail server. The hub runs its own SMTP server on
# 127.0.0.1 (port chosen at start, shown on the hub's home page); mail to this address becomes
# work in "correo", and what agents send to customers lands in their mailboxes at <hub>/lab/mail.
labMail: { queueId: correo, address: soporte@correo.lab, displayName: Centralita Soporte }
emailSignatures:
  - queueId: correo
    text:
      es: "{agentName}\\nAtención al cliente · {queueName}"
      ca: "{agentName}\\nAtenció al client · {queueName}"
      en: "{agentName}\\nCustomer care · {queueName}"
`;

export function demoHubConfig(): HubConfig {
  const result = parseHubConfig(DEMO_CONFIG_YAML, 'demo-config.yaml');
  // The demo file is part of the source and covered by a test; failing here is a build bug.
  if (!result.ok) throw new Error(`demo configuration is invalid: ${result.problems.join('; ')}`);
  return result.config;
}
