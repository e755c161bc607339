import { lazy } from 'react';

/** The calendar's years (admin): a page of its own (App.tsx). */
export const CalendarPage = lazy(() => import('./CalendarPage'));
