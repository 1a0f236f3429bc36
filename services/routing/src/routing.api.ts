import { ServiceApi } from '@gridwhistle/platform';

export const ROUTING_API: ServiceApi = {
  title: 'GridWhistle routing',
  description: `
Dispatches (派单) each reported case to the units that must handle it (one lead, its
assistants, the units copied), by the rules of the field applied to the directory: the
versioned data of areas, handling units, categories, the dispatch catalogue and the
responsibility lists. Every decision is recorded with its rule, directory version, inputs and
the alternatives set aside. The command centre's operators read a case's routing history,
explained in plain words, and show, compare and publish the directory's versions, with their
own API keys, and decide the extensions (延期) beyond what the deadline policy grants by itself.`,
  tags: {
    cases: 'Why each case went where it went.',
    'command-centre': 'The command centre\u2019s queue of cases waiting for a person, its dispatches, rulings and re-routes, its decisions on extensions, and their audit.',
    directory: 'The directory\u2019s versions: shown, compared and published by the command centre.',
  },
};
