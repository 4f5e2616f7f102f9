import { actorOf, type HandlerGroup } from '../dispatcher';
import type { EventBus } from '../events';
import type { DossierService } from './dossier-service';

type DossierMethods = 'dossiers.receive' | 'dossiers.get' | 'dossiers.today' | 'dossiers.search' | 'dossiers.transition' | 'applicants.find';

export interface DossierHooks {
  /** Before anything is written: throws (an AppError the clerk can act on) when the dossier cannot be saved yet. */
  beforeReceive?(input: { requestId: string; checklist: { code: string }[] }): void;
  /** After a dossier is recorded: its scanned pages become its attachments. Must not throw; a failure comes back as a warning. */
  received?(dossierId: string): Promise<{ attachWarning?: string }>;
}

export function dossierHandlers(dossiers: DossierService, events: EventBus, hooks: DossierHooks = {}): HandlerGroup<DossierMethods> {
  return {
    'dossiers.receive': async (input, ctx) => {
      hooks.beforeReceive?.(input);
      const saved = dossiers.receive(input, actorOf(ctx));
      const after = await hooks.received?.(saved.id);
      events.emit('dossiers.changed', { id: saved.id });
      return { ...saved, ...after };
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
