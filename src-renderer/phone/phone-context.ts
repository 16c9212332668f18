import { createContext, useContext } from 'react';
import type { PhoneController } from './phone-controller';

export const PhoneContext = createContext<PhoneController | null>(null);

export function usePhone(): PhoneController {
  const controller = useContext(PhoneContext);
  if (!controller) throw new Error('usePhone outside PhoneContext');
  return controller;
}
