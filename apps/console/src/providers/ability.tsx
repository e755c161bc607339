import { createContextualCan } from '@casl/react';
import { abilityFromRules, type AppAbility, type AppRule, type Subject } from '@duban/permissions';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { usePermissions } from 'react-admin';

/**
 * The same ability the API enforces, rebuilt from the rules of GET /api/auth/me
 * (authProvider.getPermissions). Pages use `<Can I="approve" a="Report">` or `useAbility()`;
 * react-admin's own checks go through authProvider.canAccess, which uses the same rules.
 */
const nobody = abilityFromRules([]);
export const AbilityContext = createContext<AppAbility>(nobody);
export const Can = createContextualCan(AbilityContext.Consumer);
export const useAbility = (): AppAbility => useContext(AbilityContext);

export const AbilityProvider = ({ children }: { children: ReactNode }) => {
  const { permissions } = usePermissions<AppRule[]>();
  const ability = useMemo(() => (Array.isArray(permissions) ? abilityFromRules(permissions) : nobody), [permissions]);
  return <AbilityContext.Provider value={ability}>{children}</AbilityContext.Provider>;
};

/**
 * Whether the user reads every unit's rows of `subject` (a rule without conditions), rather than only
 * their own unit's: the unit column and filter are shown only then.
 */
export function readsAllUnits(ability: AppAbility, subject: Subject): boolean {
  return ability.rulesFor('read', subject).some((rule) => !rule.inverted && !rule.conditions);
}
