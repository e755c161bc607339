import { lazy } from 'react';

/** GET /api/evaluations?asOf= is one document, not a list: a page of its own (App.tsx's custom routes). */
export const EvaluationPage = lazy(() => import('./EvaluationPage'));
