import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { DubanDataProvider } from '../providers/dataProvider';

/** What GET /api/settings/clock answers: the business day and whether it is fixed (demo/test mode). */
export interface ClockInfo {
  today: string;
  fixed: boolean;
}

export interface Clock extends ClockInfo {
  /** The business instant: today's (demo) date at the present Shanghai time of day, as the API's clock counts. */
  now(): Date;
}

export const CLOCK_QUERY_KEY = ['settings', 'clock'] as const;

/** The business instant for a business day: the same rule as the API's ClockService.now(). */
export function businessNow(today: string, real: Date = new Date()): Date {
  const shanghaiTime = new Date(real.getTime() + 8 * 3600_000).toISOString().slice(11, 23);
  return new Date(`${today}T${shanghaiTime}+08:00`);
}

/**
 * The one answer in the console to "what day is it": the server's clock (the demo date in demo mode),
 * never the browser's. Undefined until the server answers.
 */
export function useClock(): Clock | undefined {
  const dataProvider = useDataProvider<DubanDataProvider>();
  const { data } = useQuery({
    queryKey: CLOCK_QUERY_KEY,
    queryFn: () => dataProvider.getJson<ClockInfo>('settings/clock'),
    staleTime: 60_000,
  });
  if (!data) return undefined;
  return { ...data, now: () => businessNow(data.today) };
}
