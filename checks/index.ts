import type { CheckKind } from '../src/check/kind';
import composeFile from './compose.file';
import composeProject from './compose.project';
import containerConfig from './container.config';
import containerLogs from './container.logs';
import containerStats from './container.stats';
import containerTop from './container.top';
import dockerfileInstructions from './dockerfile.instructions';
import dockerfilePractices from './dockerfile.practices';
import fileExists from './file.exists';
import httpGet from './http.get';
import imageConfig from './image.config';
import imageDerived from './image.derived';
import imageExists from './image.exists';
import imageHistory from './image.history';
import imageRun from './image.run';
import networkExists from './network.exists';
import networkInterfaces from './network.interfaces';
import networkReachability from './network.reachability';
import registryFile from './registry.file';
import registryLayers from './registry.layers';
import registryPublic from './registry.public';
import registryTag from './registry.tag';
import repoStep from './repo.step';
import volumeContents from './volume.contents';
import volumeExists from './volume.exists';

/** Every check kind by name, sorted. Adding a kind: one file in checks/ and one line here. */
export const checkKinds: Record<string, CheckKind<unknown, string>> = Object.fromEntries(
  [
    composeFile,
    composeProject,
    containerConfig,
    containerLogs,
    containerStats,
    containerTop,
    dockerfileInstructions,
    dockerfilePractices,
    fileExists,
    httpGet,
    imageConfig,
    imageDerived,
    imageExists,
    imageHistory,
    imageRun,
    networkExists,
    networkInterfaces,
    networkReachability,
    registryFile,
    registryLayers,
    registryPublic,
    registryTag,
    repoStep,
    volumeContents,
    volumeExists,
  ]
    .map((k) => [k.meta.kind, k as unknown as CheckKind<unknown, string>] as const)
    .sort(([a], [b]) => a.localeCompare(b)),
);
