/** The scanner process's answers, including the ways it can fail to give one. */
import { describe, expect, it } from 'vitest';
import { scanAttachment, scanRefusal } from '../../../src-hub/attachments/attachment-scan';

const config = (command: string[], timeoutSeconds = 5) => ({ command, timeoutSeconds, onError: 'refuse' as const });

describe('scanAttachment', () => {
  it('reads exit 0 as clean and exit 1 as infected with what the scanner said', async () => {
    await expect(scanAttachment(config(['/bin/sh', '-c', 'cat >/dev/null; exit 0']), Buffer.from('hola'))).resolves.toEqual({ verdict: 'clean' });
    await expect(scanAttachment(config(['/bin/sh', '-c', 'cat >/dev/null; echo "stdin: Eicar FOUND"; exit 1']), Buffer.from('x'))).resolves.toEqual({ verdict: 'infected', detail: 'stdin: Eicar FOUND' });
  });

  it('calls a scanner that hangs, is missing or crashes an error, which refuses the file unless told to accept', async () => {
    const hung = await scanAttachment(config(['/bin/sh', '-c', 'sleep 30'], 1), Buffer.from('x'));
    expect(hung).toEqual({ verdict: 'error', detail: 'no answer within 1 s' });
    const missing = await scanAttachment(config(['/nonexistent/clamdscan']), Buffer.from('x'));
    expect(missing.verdict).toBe('error');
    const crashed = await scanAttachment(config(['/bin/sh', '-c', 'exit 2']), Buffer.from('x'));
    expect(crashed).toEqual({ verdict: 'error', detail: 'exit 2' });
    expect(scanRefusal(config(['x']), crashed)?.status).toBe(503);
    expect(scanRefusal({ ...config(['x']), onError: 'accept' }, crashed)).toBeNull();
  });

  it('lets everything through when no scanner is configured', async () => {
    await expect(scanAttachment(undefined, Buffer.from('x'))).resolves.toEqual({ verdict: 'clean' });
  });
});
