import { createContext, useContext } from 'react';
import type { HeadsetController } from './headset-controller';

export const HeadsetContext = createContext<HeadsetController | null>(null);

export function useHeadset(): HeadsetController {
  const controller = useContext(HeadsetContext);
  if (!controller) throw new Error('useHeadset outside HeadsetContext');
  return controller;
}
