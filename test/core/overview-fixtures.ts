/** One organisation's security-triangle answers, built by hand (test/core/overview.test.ts). */
import type { OrganisationData } from '../../src/core/exchange/types.ts';

/** Two leaders: processes owned by nobody, recovery not known by one of them. */
export const TRIANGLE: OrganisationData = {
  name: 'Fjordby Kommune',
  sector: 'kommune',
  respondents: [
    {
      id: 'r1',
      answers: {
        'sec.processer.owner': 'ingen',
        'sec.processer.c1': 'ja',
        'sec.processer.c2': 'ja',
        'sec.processer.c3': 'delvist',
        'sec.processer.c4': 'nej',
        'sec.teknik.owner': 'it-chef',
        'sec.teknik.c1': 'ja',
        'sec.brugere.owner': 'sikkerhedsansvarlig',
        'sec.beredskab.owner': 'ved-ikke',
        'sec.beredskab.c1': 'nej',
      },
    },
    {
      id: 'r2',
      answers: {
        'sec.processer.owner': 'direktion',
        'sec.processer.c1': 'ja',
        'sec.processer.c2': 'nej',
        'sec.teknik.owner': 'it-chef',
        'sec.teknik.c1': 'delvist',
        'sec.brugere.owner': 'dpo',
        'sec.beredskab.owner': 'it-chef',
        'sec.beredskab.c1': 'delvist',
      },
    },
  ],
};
