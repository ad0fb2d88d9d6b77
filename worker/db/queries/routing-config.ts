// Owns reading every row the routing configuration is built from, with its version, in one round trip.
import type { Db } from '../client';
import {
  configVersion,
  type LinkRow,
  type ModelRow,
  modelMappingProviders,
  modelMappings,
  type ProviderRow,
  providers,
} from '../schema';

export interface RoutingRows {
  version: number;
  providers: ProviderRow[];
  models: ModelRow[];
  links: LinkRow[];
}

/** Providers, models and links in one batch; the version is read in it too, so it never runs ahead of the data. */
export async function readRoutingRows(db: Db): Promise<RoutingRows> {
  const [versionRows, providerRows, modelRows, linkRows] = await db.batch([
    db.select({ v: configVersion.version }).from(configVersion),
    db.select().from(providers),
    db.select().from(modelMappings),
    db.select().from(modelMappingProviders),
  ]);
  return { version: versionRows[0]?.v ?? 0, providers: providerRows, models: modelRows, links: linkRows };
}
