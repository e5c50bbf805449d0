import type { BuildOptions } from 'esbuild';
export function commonBuildOptions(mode: { production: boolean }): BuildOptions;
