import { useQuery } from '@tanstack/react-query';
import { API_URL, languageHeader } from '../providers/authProvider';

/** GET /api/site: answered without a log-in, so the log-in page can say whose system it is. */
export interface SiteInfo {
  city: string;
  issuer: string;
  plan: { title: string } | null;
}

/** Whose Duban this is and which plan it carries out, from data (the locality settings, the published plan). */
export function useSite(): SiteInfo | undefined {
  const { data } = useQuery({
    queryKey: ['duban', 'site'],
    queryFn: async (): Promise<SiteInfo> => {
      const res = await fetch(`${API_URL}/site`, { headers: { 'Accept-Language': languageHeader() } });
      if (!res.ok) throw new Error(`GET /api/site: ${res.status}`);
      return (await res.json()) as SiteInfo;
    },
    staleTime: 5 * 60_000,
  });
  return data;
}

/** The console's subtitle: the published plan's title, else who runs it; empty until the server answers. */
export function useSiteSubtitle(): string {
  const site = useSite();
  return site?.plan?.title ?? site?.issuer ?? '';
}
