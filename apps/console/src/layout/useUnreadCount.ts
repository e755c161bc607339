import { useGetList } from 'react-admin';

/** The caller's unread notices: the list's total (one row asked for), refreshed every minute. */
export function useUnreadCount(): number {
  const { total } = useGetList(
    'notifications',
    { filter: { read: false }, pagination: { page: 1, perPage: 1 }, sort: { field: 'createdAt', order: 'DESC' } },
    { refetchInterval: 60_000 },
  );
  return total ?? 0;
}
