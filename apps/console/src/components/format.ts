/**
 * Dates as the console shows them: 2025年9月28日 in Chinese, 28 Sep 2025 in English.
 * A date (YYYY-MM-DD) is a calendar day; an instant is shown on the business day in Asia/Shanghai.
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function intlLocale(locale: string): string {
  return locale === 'en' ? 'en-GB' : 'zh-CN';
}

export function formatDay(value: string | Date | null | undefined, locale: string): string {
  if (!value) return '';
  const isDay = typeof value === 'string' && DAY.test(value);
  const date = isDay ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(intlLocale(locale), {
    year: 'numeric',
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
    timeZone: isDay ? 'UTC' : 'Asia/Shanghai',
  }).format(date);
}

export function formatInstant(value: string | Date | null | undefined, locale: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const time = new Intl.DateTimeFormat(intlLocale(locale), {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  }).format(date);
  return `${formatDay(date, locale)} ${time}`;
}

/** Whole days between two instants (the queue's waiting time). */
export function daysBetween(from: string | Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - new Date(from).getTime()) / 86_400_000));
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(0)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
