import { resolveEnvFiles, resolveEnvFiles2026_3 } from '../env/envFiles.js';
import { profileHealth } from '../resolve/health.js';
import { profileHealth2026_3 } from './health2026_3.js';
import { profileHealth2026_9 } from './health2026_9.js';
import { mergeMainIntoAgent, mergeMainIntoAgent2026_3, mergeMainIntoAgent2026_9 } from '../stores/mergeStores.js';
import { catalogs } from '../env/providerCatalog.js';

export { COMPAT_VERSIONS, type CompatVersion, type StatusRules } from '../resolve/statusRules.js';
import type { CompatVersion, StatusRules } from '../resolve/statusRules.js';

/** What releases before the SQLite stores (2026.3, 2026.6) do where 2026.9 differs: none of it. */
const BEFORE_2026_9 = {
  retiredCredentialFilesRefuse: false,
  strictConfig2026_9: false,
  unknownProvidersIndeterminate: false,
  runtimeUnavailableProviders: [],
  routeResolvedProviders: [],
  routesJudgedByProfileReadiness: false,
  usageStatsNeedStoredProfile: false,
  checkFollowsSelectedProfile: false,
  utilityModelInUse: false,
  imageModelsNeverMissing: false,
} as const satisfies Partial<StatusRules>;

export function statusRules(version: CompatVersion | undefined): StatusRules {
  if (version === '2026.3') {
    return {
      version: '2026.3',
      catalog: catalogs['2026.3.13'],
      ...BEFORE_2026_9,
      expiredProfileFailsCheck: true,
      checkCoversEveryProfile: true,
      profilesPreventMissing: true,
      profileHealth: profileHealth2026_3,
      defaultAgentSelectsStore: false,
      agentPrimaryClearsFallbacks: false,
      detailNamesAgentStore: false,
      blocksWorkspaceProviderKeys: false,
      envFiles: resolveEnvFiles2026_3,
      readsAuthState: false,
      envAgentDirIsMain: true,
      mergeMainIntoAgent: mergeMainIntoAgent2026_3,
    };
  }
  const rules2026_6: StatusRules = {
    version: '2026.6',
    catalog: catalogs['2026.6.1'],
    ...BEFORE_2026_9,
    expiredProfileFailsCheck: false,
    checkCoversEveryProfile: false,
    profilesPreventMissing: false,
    profileHealth,
    defaultAgentSelectsStore: true,
    agentPrimaryClearsFallbacks: true,
    detailNamesAgentStore: true,
    blocksWorkspaceProviderKeys: true,
    envFiles: resolveEnvFiles,
    readsAuthState: true,
    envAgentDirIsMain: false,
    mergeMainIntoAgent,
  };
  if (version !== '2026.9') return rules2026_6;
  // 2026.9.6 resolves as 2026.6.1 where its runs agree (test/differential, column 2026.9.6);
  // what differs is listed here, each from its installed code and a differential run.
  return {
    ...rules2026_6,
    version: '2026.9',
    catalog: catalogs['2026.9.6'],
    profileHealth: profileHealth2026_9,
    mergeMainIntoAgent: mergeMainIntoAgent2026_9,
    retiredCredentialFilesRefuse: true,
    strictConfig2026_9: true,
    unknownProvidersIndeterminate: true,
    // "No enabled plugin owns agent harness "codex"": every openai model is routed through it.
    runtimeUnavailableProviders: ['openai'],
    routeResolvedProviders: ['openai'],
    routesJudgedByProfileReadiness: true,
    usageStatsNeedStoredProfile: true,
    checkFollowsSelectedProfile: true,
    utilityModelInUse: true,
    imageModelsNeverMissing: true,
  };
}
