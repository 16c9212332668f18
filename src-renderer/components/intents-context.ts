import { createContext, useContext } from 'react';
import type { Intents } from '../intents';

export const IntentsContext = createContext<Intents | null>(null);

export function useIntents(): Intents {
  const intents = useContext(IntentsContext);
  if (!intents) throw new Error('useIntents outside IntentsContext');
  return intents;
}
