import { createContext, useContext } from 'react';
import type { ChatController } from './chat-controller';
import { createChatStore } from './chat-store';

export const ChatContext = createContext<ChatController | null>(null);

export function useChatController(): ChatController {
  const controller = useContext(ChatContext);
  if (!controller) throw new Error('useChatController outside ChatContext');
  return controller;
}

/** The window's one chat store. */
export const useChatStore = createChatStore();
