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
