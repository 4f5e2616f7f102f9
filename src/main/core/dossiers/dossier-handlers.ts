import { actorOf, type HandlerGroup } from '../dispatcher';
import type { EventBus } from '../events';
import type { DossierService } from './dossier-service';

type DossierMethods = 'dossiers.receive' | 'dossiers.get' | 'dossiers.today' | 'dossiers.search' | 'dossiers.transition' | 'applicants.find';

export function dossierHandlers(dossiers: DossierService, events: EventBus): HandlerGroup<DossierMethods> {
  return {
    'dossiers.receive': (input, ctx) => {
      const saved = dossiers.receive(input, actorOf(ctx));
      events.emit('dossiers.changed', { id: saved.id });
      return saved;
    },
    'dossiers.get': (input) => dossiers.get(input.idOrCode),
    'dossiers.today': (input) => dossiers.today(input.limit),
    'dossiers.search': (input) => dossiers.search(input.query, input.limit),
    'dossiers.transition': (input, ctx) => {
      const saved = dossiers.transition(input, actorOf(ctx));
      events.emit('dossiers.changed', { id: saved.id });
      return saved;
    },
    'applicants.find': (input) => dossiers.findApplicant(input.idNumber),
  };
}
