import { createContext, useContext } from 'react';
import type { EmailController } from './email-controller';

export const EmailContext = createContext<EmailController | null>(null);

export function useEmailController(): EmailController {
  const controller = useContext(EmailContext);
  if (!controller) throw new Error('useEmailController outside EmailContext');
  return controller;
}
