import { join } from 'node:path';
import type { catalogCalls } from '../../../shared/api/calls/catalog';
import { AppError } from '../../../shared/api/errors';
import { actorOf, type Handlers } from '../dispatcher';
import { createCatalogService, type CatalogDeps, type CatalogService } from './catalog-service';

type CatalogMethod = keyof typeof catalogCalls;

/** The sample catalogue shipped in resources/ (the repo's folder, or process.resourcesPath/resources). */
export function sampleCatalogFile(resourcesDir: string): string {
  return join(resourcesDir, 'catalog', 'sample-procedures.json');
}

export function catalogHandlers(catalog: CatalogService): Pick<Handlers, CatalogMethod> {
  return {
    'catalog.search': (input) => catalog.search(input.query, input.limit),
    'catalog.get': (input) => {
      const entry = catalog.get(input.id);
      if (!entry) throw new AppError('CATALOG_NOT_FOUND', { id: input.id });
      return entry;
    },
    'catalog.import': (input, ctx) => catalog.importFile(input.file, actorOf(ctx)),
    'catalog.export': () => catalog.exportFile(),
  };
}

/**
 * The catalogue for the composition root: the service (other capabilities read procedures and
 * fees from it), seeded from the sample on first start, and its call handlers.
 */
export function createCatalog(deps: CatalogDeps & { resourcesDir?: string | undefined }) {
  const service = createCatalogService(deps);
  if (deps.resourcesDir) service.seedIfEmpty(sampleCatalogFile(deps.resourcesDir));
  else deps.logger.warn('no resources dir configured: the catalogue is not seeded');
  return { service, handlers: catalogHandlers(service) };
}
