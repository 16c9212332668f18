/**
 * Customer contexts by id, as main answers them (cache first, hub refresh as a `customer`
 * event). `lookups` says what the panel should show while a context is not there yet.
 */
import type { StateCreator } from 'zustand';
import type { CustomerContext } from '../../src-common/domain';
import type { AppState, Middlewares } from './app-state';

export type CustomerLookup = 'loading' | 'missing' | 'failed';

export interface CustomerSlice {
  customers: Record<string, CustomerContext>;
  lookups: Record<string, CustomerLookup>;
  applyCustomer: (context: CustomerContext) => void;
  setLookup: (customerId: string, lookup: CustomerLookup) => void;
}

export const createCustomerSlice: StateCreator<AppState, Middlewares, [], CustomerSlice> = (set) => ({
  customers: {},
  lookups: {},
  applyCustomer: (context) =>
    set(
      (state) => {
        const lookups = { ...state.lookups };
        delete lookups[context.customer.id];
        return { customers: { ...state.customers, [context.customer.id]: context }, lookups };
      },
      false,
      'customer/apply',
    ),
  setLookup: (customerId, lookup) => set((state) => ({ lookups: { ...state.lookups, [customerId]: lookup } }), false, 'customer/lookup'),
});
