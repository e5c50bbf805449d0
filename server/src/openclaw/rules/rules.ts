import { resolveEnvFiles, resolveEnvFiles2026_3 } from '../env/envFiles.js';
import { profileHealth } from '../resolve/health.js';
import { profileHealth2026_3 } from './health2026_3.js';
import { mergeMainIntoAgent, mergeMainIntoAgent2026_3 } from '../stores/mergeStores.js';
import { catalogs } from '../env/providerCatalog.js';

export { COMPAT_VERSIONS, type CompatVersion, type StatusRules } from '../resolve/statusRules.js';
import type { CompatVersion, StatusRules } from '../resolve/statusRules.js';

export function statusRules(compat: CompatVersion | undefined): StatusRules {
  if (compat === '2026.3') {
    return {
      version: '2026.3',
      catalog: catalogs['2026.3.13'],
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
  return {
    version: '2026.6',
    catalog: catalogs['2026.6.1'],
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
}
