/** Words the demo dataset and the simulator are made of: Spanish and Catalan names, topics, phrases. */
export const FIRST_NAMES = [
  'Alejandro', 'Lucía', 'Pablo', 'Carmen', 'Javier', 'Elena', 'Sergio', 'Laura', 'David', 'Marta',
  'Daniel', 'Paula', 'Adrián', 'Sara', 'Álvaro', 'Cristina', 'Manuel', 'Isabel', 'Raúl', 'Pilar',
  'Jordi', 'Montserrat', 'Pau', 'Núria', 'Arnau', 'Mireia', 'Oriol', 'Laia', 'Xavier', 'Meritxell',
  'Joan', 'Anna', 'Marc', 'Gemma', 'Pere', 'Roser', 'Josep', 'Neus', 'Jaume', 'Carla',
] as const;

export const SURNAMES = [
  'García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín',
  'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Navarro', 'Torres',
  'Puig', 'Ferrer', 'Vila', 'Soler', 'Serra', 'Font', 'Roca', 'Camps', 'Pujol', 'Riera',
  'Casals', 'Vidal', 'Bosch', 'Costa', 'Mas', 'Sala', 'Prat', 'Coll', 'Oliveras', 'Castells',
] as const;

export const COMPANIES = [
  'Talleres Navarro', 'Construcciones Vila', 'Farmàcia Puig', 'Bodegas Romero', 'Hostal La Plaça',
  'Clínica Dental Soler', 'Transportes Díaz', 'Llibreria Costa', 'Panadería Martín', 'Assessoria Prat',
] as const;

export const TIERS = ['bronze', 'silver', 'gold', 'platinum'] as const;

export const EMAIL_DOMAINS = ['example.es', 'example.cat', 'correo.example.com', 'empresa.example.org'] as const;

/** Past interactions: [channel, queue, summary, detail]. */
export const HISTORY_TOPICS = [
  ['chat', 'soporte', 'Consulta sobre una factura duplicada', 'El cliente vio dos cargos iguales en la factura de marzo. Se anuló el duplicado.'],
  ['chat', 'ventas', 'Información sobre tarifas para empresas', 'Pidió la tarifa de 10 líneas. Se envió la propuesta por correo.'],
  ['voice', 'soporte-voz', 'Llamada por avería de la fibra', 'Sin conexión desde ayer. Se abrió incidencia con el técnico.'],
  ['voice', 'soporte-voz', 'Cambio de domicilio del servicio', 'Traslado al nuevo piso el día 15. Confirmado.'],
  ['email', 'correo', 'Solicitud de duplicado de contrato', 'Se adjuntó el contrato firmado en PDF.'],
  ['email', 'correo', 'Reclamación por retraso en la entrega', 'El pedido llegó con 5 días de retraso. Se aplicó un descuento.'],
  ['chat', 'ventas', 'Ampliación de datos móviles', 'Contrató el bono de 20 GB adicionales.'],
  ['chat', 'soporte', 'No puede acceder al área de cliente', 'Se restableció la contraseña y se verificó el acceso.'],
] as const;

/** What a simulated chat visitor writes first: [queue, subject, first message]. */
export const CHAT_OPENERS = [
  ['soporte', 'Problema con la factura', 'Hola, me ha llegado una factura con un importe que no entiendo. ¿Me podéis ayudar?'],
  ['soporte', 'Sin conexión a internet', 'Buenas tardes, desde esta mañana no tengo internet en casa.'],
  ['soporte', 'Cambio de contraseña', 'No consigo entrar en mi área de cliente, ¿cómo cambio la contraseña?'],
  ['ventas', 'Quiero contratar fibra', 'Hola, quería información sobre la fibra de 1 Gb para mi negocio.'],
  ['ventas', 'Oferta para empresas', 'Bon dia, som una empresa de 12 persones i volem canviar de companyia.'],
  ['ventas', 'Ampliar líneas móviles', '¿Cuánto costaría añadir dos líneas móviles más a mi contrato?'],
  ['soporte', 'Retraso en el pedido', 'Mi pedido tenía que llegar ayer y todavía no sé nada.'],
  ['ventas', 'Portabilidad', 'Hola, vull portar el meu número des d’una altra companyia.'],
] as const;

/**
 * What a simulated customer writes to the email queue: subject, plain text and, for some, an
 * HTML body as mail clients send it. One carries a remote image (a tracking pixel, as marketing
 * mail and some clients add) so the desktop's blocking of remote images has something to block.
 */
export const EMAIL_OPENERS: readonly { subject: string; text: string; html?: string }[] = [
  { subject: 'Factura de marzo duplicada', text: 'Hola:\n\nEn la factura de marzo aparece dos veces la cuota de la fibra. ¿Podéis revisarlo y devolverme el importe?\n\nGracias.' },
  { subject: 'Cambio de titular del contrato', text: 'Buenos días:\n\nQuiero poner el contrato a nombre de mi hija. ¿Qué documentación necesitáis?\n\nUn saludo.' },
  { subject: 'Sol·licitud de còpia del contracte', text: "Bon dia:\n\nNecessito una còpia del contracte signat per a la gestoria. Me la podeu enviar per correu?\n\nMoltes gràcies." },
  { subject: 'Retraso en la instalación', text: 'Hola:\n\nEl técnico tenía que venir el martes y nadie se ha presentado. ¿Me podéis dar una nueva cita?\n\nSaludos.' },
  {
    subject: 'Consulta sobre la tarifa de empresa',
    text: 'Hola:\n\nSomos una gestoría de 8 personas. ¿La tarifa de empresa incluye las llamadas a móviles?\n\nGracias.',
    html: '<p>Hola:</p><p>Somos una gestoría de 8 personas. ¿La tarifa de empresa <b>incluye las llamadas a móviles</b>?</p><p>Gracias.</p><img src="https://tracker.example/x.png" width="1" height="1" alt="">',
  },
  { subject: 'Canvi de domicili', text: "Hola:\n\nEns traslladem el mes que ve. Com puc demanar el trasllat de la línia al nou pis?\n\nSalutacions." },
];

/** What a simulated customer answers to an agent's reply (once per thread). */
export const EMAIL_FOLLOW_UPS = [
  'Gracias, una última pregunta: ¿cuánto tardará en verse reflejado?',
  'Gracias por la respuesta. Una última pregunta: ¿tengo que hacer algo más por mi parte?',
  'Moltes gràcies. Una última pregunta: m’ho confirmareu per correu quan estigui fet?',
  'Perfecto, gracias. Una última pregunta: ¿puedo hacerlo también desde el área de cliente?',
] as const;
