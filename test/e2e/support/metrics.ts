import fs from 'node:fs';
import path from 'node:path';
import { resultsDir } from './paths.ts';

const metricsFile = path.join(resultsDir, 'metrics.json');

/** Merges measurements into test-results/metrics.json (each e2e file adds its own). */
export function recordMetrics(values: Record<string, number | string>): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  const current = fs.existsSync(metricsFile) ? (JSON.parse(fs.readFileSync(metricsFile, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(metricsFile, `${JSON.stringify({ ...current, ...values }, null, 2)}\n`);
  for (const [key, value] of Object.entries(values)) console.log(`metric ${key} = ${value}`);
}
