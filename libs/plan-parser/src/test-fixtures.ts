/** Test support only (never imported by index.ts): the fixture documents and Yichun's org units and locality. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AmbiguousName, GroupAbbreviation, OrgUnitRef, ParseOptions } from './types';

const ROOT = resolve(__dirname, '../../..');
export const FIXTURES = resolve(ROOT, 'tests/fixtures/plan-documents');

export function fixtureText(relative: string): string {
  return readFileSync(resolve(FIXTURES, relative), 'utf8');
}

export function fixtureBytes(relative: string): Buffer {
  return readFileSync(resolve(FIXTURES, relative));
}

interface CitySeed {
  locality: { city: string; cityCode: string; groups: GroupAbbreviation[]; ambiguousNames: AmbiguousName[] };
  units: OrgUnitRef[];
}

function yichunSeed(): CitySeed {
  return JSON.parse(readFileSync(resolve(ROOT, 'seeds/yichun-org-units.json'), 'utf8')) as CitySeed;
}

export function yichunUnits(): OrgUnitRef[] {
  return yichunSeed().units;
}

/** What the API passes the parser for Yichun: its org units and its locality settings (seeds/yichun-org-units.json). */
export function yichunOptions(): ParseOptions {
  const { locality, units } = yichunSeed();
  return {
    units,
    groupAbbreviations: locality.groups,
    ambiguousNames: locality.ambiguousNames,
    place: { name: locality.city, code: locality.cityCode },
  };
}

export const YICHUN = 'ok/yichun-eco-plan-2021-2025.txt';
export const SAMPLE = 'ok/sample-plan.txt';
