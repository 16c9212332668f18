import { createContext, useContext } from 'react';
import type { ChatController } from './chat-controller';

export const ChatContext = createContext<ChatController | null>(null);

export function useChatController(): ChatController {
  const controller = useContext(ChatContext);
  if (!controller) throw new Error('useChatController outside ChatContext');
  return controller;
}
