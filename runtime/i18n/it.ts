import type { Catalog } from './catalog.js';

export const it: Catalog = {
  outcomes: {
    approved: 'Approvata',
    declined: 'Rifiutata',
    cancelled: 'Annullata',
    failed: 'La transazione non è riuscita',
    'in-doubt': "L'esito della transazione non è ancora noto; verificarlo prima di addebitare di nuovo",
  },
  reasons: {
    'insufficient-funds': 'Rifiutata: fondi insufficienti sulla carta',
    'issuer-declined': "Rifiutata dall'emittente della carta",
    'customer-cancelled': 'Annullata dal cliente sul terminale',
    'merchant-aborted': 'Annullata dalla cassa',
    'card-removed': 'La carta è stata estratta prima della fine della transazione',
    'card-error': 'La carta non può essere letta',
    'card-expired': 'La carta è scaduta',
    'card-not-yet-valid': 'La carta non è ancora valida',
    'card-blocked': 'La carta è bloccata',
    'terminal-busy': "Il terminale è occupato con un'altra operazione; riprovare tra poco",
    duplicate: 'Rifiutata come duplicato di una transazione precedente',
    timeout: 'Il terminale non ha risposto in tempo; la transazione non è riuscita',
    'connection-refused': 'Impossibile collegarsi al terminale; verificare che sia acceso e in rete',
    'connection-lost': "La connessione con il terminale si è interrotta e non è stato possibile recuperare l'esito",
    'dropped-by-newer-client': 'Questo client è stato sostituito da uno più recente sullo stesso terminale',
    'client-freed': 'Questo client è già stato rilasciato con Free',
    'malformed-answer': 'Il terminale ha inviato una risposta incomprensibile',
    'not-supported': 'Questo terminale non supporta l’operazione',
    declined: 'Rifiutata',
    unknown: 'Il terminale ha segnalato un esito sconosciuto',
  },
};
