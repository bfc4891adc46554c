import type { Catalog } from './catalog.js';

export const de: Catalog = {
  outcomes: {
    approved: 'Genehmigt',
    declined: 'Abgelehnt',
    cancelled: 'Abgebrochen',
    failed: 'Die Transaktion ist fehlgeschlagen',
    'in-doubt': 'Das Ergebnis der Transaktion ist noch unbekannt; vor einem neuen Versuch prüfen',
  },
  reasons: {
    'insufficient-funds': 'Abgelehnt: Deckung auf der Karte nicht ausreichend',
    'issuer-declined': 'Vom Kartenherausgeber abgelehnt',
    'customer-cancelled': 'Vom Kunden am Terminal abgebrochen',
    'merchant-aborted': 'Von der Kasse abgebrochen',
    'card-removed': 'Die Karte wurde vor dem Ende der Transaktion entnommen',
    'card-error': 'Die Karte kann nicht gelesen werden',
    'card-expired': 'Die Karte ist abgelaufen',
    'card-not-yet-valid': 'Die Karte ist noch nicht gültig',
    'card-blocked': 'Die Karte ist gesperrt',
    'terminal-busy': 'Das Terminal ist mit einem anderen Vorgang beschäftigt; bitte gleich erneut versuchen',
    duplicate: 'Als doppelte Transaktion abgelehnt',
    timeout: 'Das Terminal hat nicht rechtzeitig geantwortet; die Transaktion ist fehlgeschlagen',
    'connection-refused': 'Keine Verbindung zum Terminal; prüfen, ob es eingeschaltet und im Netz ist',
    'connection-lost': 'Die Verbindung zum Terminal brach ab und das Ergebnis ließ sich nicht ermitteln',
    'dropped-by-newer-client': 'Dieser Client wurde durch einen neueren am selben Terminal ersetzt',
    'client-freed': 'Dieser Client wurde bereits mit Free freigegeben',
    'malformed-answer': 'Das Terminal hat eine unverständliche Antwort gesendet',
    'not-supported': 'Dieser Vorgang wird von diesem Terminal nicht unterstützt',
    declined: 'Abgelehnt',
    unknown: 'Das Terminal meldete ein unbekanntes Ergebnis',
  },
};
