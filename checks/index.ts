import type { CheckKind } from '../src/check/kind';

type KindModule = { default: CheckKind<unknown, string> };

/**
 * Every check kind by name, sorted; each module is loaded the first time its
 * kind is looked up, so grading one exercise loads the kinds it uses and not
 * the registry or repository ones. The key is the kind's file name, which is
 * its `meta.kind` (a test holds them equal). Adding a kind: one file in
 * checks/ and one line here.
 */
const kindModules: Record<string, () => KindModule> = {
  'compose.file': () => require('./compose.file') as KindModule,
  'compose.project': () => require('./compose.project') as KindModule,
  'container.config': () => require('./container.config') as KindModule,
  'container.logs': () => require('./container.logs') as KindModule,
  'container.stats': () => require('./container.stats') as KindModule,
  'container.top': () => require('./container.top') as KindModule,
  'dockerfile.instructions': () => require('./dockerfile.instructions') as KindModule,
  'dockerfile.practices': () => require('./dockerfile.practices') as KindModule,
  'file.exists': () => require('./file.exists') as KindModule,
  'http.get': () => require('./http.get') as KindModule,
  'image.config': () => require('./image.config') as KindModule,
  'image.derived': () => require('./image.derived') as KindModule,
  'image.exists': () => require('./image.exists') as KindModule,
  'image.file': () => require('./image.file') as KindModule,
  'image.history': () => require('./image.history') as KindModule,
  'image.run': () => require('./image.run') as KindModule,
  'network.exists': () => require('./network.exists') as KindModule,
  'network.interfaces': () => require('./network.interfaces') as KindModule,
  'network.reachability': () => require('./network.reachability') as KindModule,
  'registry.file': () => require('./registry.file') as KindModule,
  'registry.layers': () => require('./registry.layers') as KindModule,
  'registry.public': () => require('./registry.public') as KindModule,
  'registry.tag': () => require('./registry.tag') as KindModule,
  'repo.step': () => require('./repo.step') as KindModule,
  'volume.contents': () => require('./volume.contents') as KindModule,
  'volume.exists': () => require('./volume.exists') as KindModule,
};

export const checkKinds: Record<string, CheckKind<unknown, string>> = {};
for (const [name, load] of Object.entries(kindModules)) {
  let kind: CheckKind<unknown, string> | undefined;
  Object.defineProperty(checkKinds, name, { enumerable: true, get: () => (kind ??= load().default) });
}
