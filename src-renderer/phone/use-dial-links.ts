import { useEffect } from 'react';
import { useAppStore } from '../store/app-store';
import { selectContextCustomerId } from '../store/selectors';
import { dialTargetOfLink } from './dial-input';
import type { PhoneController } from './phone-controller';

/**
 * Click-to-dial for tel: and sip: links anywhere in the agent window (customer records, chat
 * messages, CRM text): the phone calls the number instead of the browser handing the link to
 * another app. The customer on screen becomes the outbound item's customer.
 */
export function useDialLinks(doc: Document, phone: PhoneController): void {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
      const target = anchor ? dialTargetOfLink(anchor.getAttribute('href') ?? '') : null;
      if (!target) return;
      event.preventDefault();
      void phone.dial(target, selectContextCustomerId(useAppStore.getState()));
    };
    doc.addEventListener('click', onClick);
    return () => doc.removeEventListener('click', onClick);
  }, [doc, phone]);
}
