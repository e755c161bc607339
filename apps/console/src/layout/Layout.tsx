import type { ReactNode } from 'react';
import { Layout as RaLayout } from 'react-admin';
import { AbilityProvider } from '../providers/ability';
import { AppBar } from './AppBar';

export const Layout = ({ children }: { children: ReactNode }) => (
  <AbilityProvider>
    <RaLayout appBar={AppBar}>{children}</RaLayout>
  </AbilityProvider>
);
