/** Test support only (never imported by index.ts): the fixture documents and Yichun's org units. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OrgUnitRef } from './types';

const ROOT = resolve(__dirname, '../../..');
export const FIXTURES = resolve(ROOT, 'tests/fixtures/plan-documents');

export function fixtureText(relative: string): string {
  return readFileSync(resolve(FIXTURES, relative), 'utf8');
}

export function fixtureBytes(relative: string): Buffer {
  return readFileSync(resolve(FIXTURES, relative));
}

export function yichunUnits(): OrgUnitRef[] {
  const json = JSON.parse(readFileSync(resolve(ROOT, 'seeds/yichun-org-units.json'), 'utf8')) as { units: OrgUnitRef[] };
  return json.units;
}

export const YICHUN = 'ok/yichun-eco-plan-2021-2025.txt';
export const SAMPLE = 'ok/sample-plan.txt';
