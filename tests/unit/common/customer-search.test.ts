/** How a typed query is read: phones and emails by identity, names without case or accents. */
import { describe, expect, it } from 'vitest';
import { nameSearchKey, readCustomerSearch } from '../../../src-common/customer-search';

describe('customer search queries', () => {
  it('finds phones in any common format and emails in any case by identity', () => {
    expect(readCustomerSearch('600 10 02 00')).toEqual({ kind: 'identity', identity: { kind: 'phone', value: '+34600100200' } });
    expect(readCustomerSearch('+34 600-100-200')).toEqual({ kind: 'identity', identity: { kind: 'phone', value: '+34600100200' } });
    expect(readCustomerSearch(' Maria.Garcia@Example.ES ')).toEqual({ kind: 'identity', identity: { kind: 'email', value: 'maria.garcia@example.es' } });
  });

  it('searches names ignoring accents and case, words in order, wildcards escaped', () => {
    expect(nameSearchKey('  María   GARCÍA López ')).toBe('maria garcia lopez');
    expect(readCustomerSearch('maría garc')).toEqual({ kind: 'name', pattern: '%maria%garc%' });
    expect(readCustomerSearch('50%_off')).toEqual({ kind: 'name', pattern: '%50\\%\\_off%' });
    expect(readCustomerSearch('Ferretería 2')).toEqual({ kind: 'name', pattern: '%ferreteria%2%' });
  });
});
