import type { Catalog } from './catalog.js';

export const fi: Catalog = {
  outcomes: {
    approved: 'Hyväksytty',
    declined: 'Hylätty',
    cancelled: 'Peruutettu',
    failed: 'Tapahtuma epäonnistui',
    'in-doubt': 'Tapahtuman tulosta ei vielä tiedetä; tarkista se ennen uutta veloitusta',
  },
  reasons: {
    'insufficient-funds': 'Hylätty: kortilla ei ole riittävästi katetta',
    'issuer-declined': 'Kortin myöntäjä hylkäsi tapahtuman',
    'customer-cancelled': 'Asiakas peruutti tapahtuman päätteellä',
    'merchant-aborted': 'Kassa peruutti tapahtuman',
    'card-removed': 'Kortti poistettiin ennen tapahtuman päättymistä',
    'card-error': 'Korttia ei voi lukea',
    'card-expired': 'Kortti on vanhentunut',
    'card-not-yet-valid': 'Kortti ei ole vielä voimassa',
    'card-blocked': 'Kortti on suljettu',
    'terminal-busy': 'Maksupääte on varattu toiseen toimintoon; yritä hetken kuluttua uudelleen',
    duplicate: 'Hylätty aiemman tapahtuman kaksoiskappaleena',
    timeout: 'Maksupääte ei vastannut ajoissa; tapahtuma epäonnistui',
    'connection-refused': 'Maksupäätteeseen ei saada yhteyttä; tarkista, että se on päällä ja verkossa',
    'connection-lost': 'Yhteys maksupäätteeseen katkesi eikä tulosta saatu selville',
    'dropped-by-newer-client': 'Uudempi asiakasohjelma korvasi tämän samassa maksupäätteessä',
    'client-freed': 'Tämä asiakasohjelma on jo vapautettu Free-kutsulla',
    'malformed-answer': 'Maksupääte lähetti vastauksen, jota ei voi tulkita',
    'not-supported': 'Tämä maksupääte ei tue toimintoa',
    declined: 'Hylätty',
    unknown: 'Maksupääte ilmoitti tuntemattoman tuloksen',
  },
};
