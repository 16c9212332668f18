/** The sender check's DNS memory: one lookup per record for a while, failures asked again. */
import { describe, expect, it } from 'vitest';
import { cachingResolver } from '../../../src-hub/channels/email/dns-cache';

function countingBase(answer: (name: string) => Promise<string[][]>) {
  const asked: string[] = [];
  return { asked, base: (name: string, rrtype: string) => (asked.push(`${rrtype} ${name}`), answer(name)) };
}

const absent = (name: string) => Promise.reject(Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' }));

describe('cachingResolver', () => {
  it('asks once for many mails from one domain, whatever the case, until the memory expires', async () => {
    let clock = 0;
    const { asked, base } = countingBase(async () => [['v=DMARC1; p=reject']]);
    const resolve = cachingResolver(base, () => clock);
    const answers = await Promise.all([resolve('_dmarc.Example.es', 'TXT'), resolve('_dmarc.example.es', 'TXT'), resolve('_dmarc.example.es', 'TXT')]);
    expect(answers).toEqual([[['v=DMARC1; p=reject']], [['v=DMARC1; p=reject']], [['v=DMARC1; p=reject']]]);
    expect(asked).toHaveLength(1);
    clock += 6 * 60_000;
    await resolve('_dmarc.example.es', 'TXT');
    expect(asked).toHaveLength(2);
  });

  it('remembers "no such record" but asks again after a timeout', async () => {
    const { asked, base } = countingBase(absent);
    const resolve = cachingResolver(base, () => 0);
    await expect(resolve('_dmarc.nodmarc.example', 'TXT')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolve('_dmarc.nodmarc.example', 'TXT')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(asked).toHaveLength(1);

    const flaky = countingBase((name) => Promise.reject(Object.assign(new Error(`queryTxt ETIMEOUT ${name}`), { code: 'ETIMEOUT' })));
    const again = cachingResolver(flaky.base, () => 0);
    await expect(again('_dmarc.slow.example', 'TXT')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    await expect(again('_dmarc.slow.example', 'TXT')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    expect(flaky.asked).toHaveLength(2);
  });

  it('keeps record types apart', async () => {
    const { asked, base } = countingBase(async (name) => [[name]]);
    const resolve = cachingResolver(base, () => 0);
    await resolve('example.es', 'TXT');
    await resolve('example.es', 'MX');
    expect(asked).toEqual(['TXT example.es', 'MX example.es']);
  });
});
