import { describe, expect, it } from 'vitest';
import { attachmentDisposition, cleanAttachmentName, sniffAttachmentType } from '../../../src-hub/attachments/attachment-type';

describe('chat attachment type by its first bytes', () => {
  it('recognises pictures, PDF and plain text whatever they are called', () => {
    expect(sniffAttachmentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffAttachmentType(Buffer.from('GIF89a\x01\x00', 'latin1'))).toBe('image/gif');
    expect(sniffAttachmentType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe('image/webp');
    expect(sniffAttachmentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffAttachmentType(Buffer.from('Hola, adjunto el número de pedido: 1234\r\n\tgracias'))).toBe('text/plain');
  });

  it('refuses programs, archives, binary junk, invalid UTF-8 and empty files', () => {
    expect(sniffAttachmentType(Buffer.from('MZ\x90\x00\x03\x00', 'latin1'))).toBeNull();
    expect(sniffAttachmentType(Buffer.from('\x7fELF\x02\x01', 'latin1'))).toBeNull();
    expect(sniffAttachmentType(Buffer.from('PK\x03\x04\x14\x00', 'latin1'))).toBeNull();
    expect(sniffAttachmentType(Buffer.from([0xc3, 0x28, 0x41]))).toBeNull();
    expect(sniffAttachmentType(Buffer.from('text with a NUL\x00 inside'))).toBeNull();
    expect(sniffAttachmentType(Buffer.alloc(0))).toBeNull();
    // A RIFF that is not WebP (a WAV) is not a picture.
    expect(sniffAttachmentType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')]))).toBeNull();
  });
});

describe('chat attachment names', () => {
  it('drops paths and control characters but keeps the rest as the sender wrote it', () => {
    expect(cleanAttachmentName('C:\\Users\\eve\\..\\factura.pdf')).toBe('factura.pdf');
    expect(cleanAttachmentName('../../etc/passwd')).toBe('passwd');
    expect(cleanAttachmentName('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(cleanAttachmentName('<img src=x onerror=alert(1)>.txt')).toBe('<img src=x onerror=alert(1)>.txt');
    expect(cleanAttachmentName('..')).toBe('file');
    expect(cleanAttachmentName('')).toBe('file');
  });

  it('writes an RFC 6266 download header with an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentDisposition('factura ñ "2".pdf')).toBe(`attachment; filename="factura _ _2_.pdf"; filename*=UTF-8''factura%20%C3%B1%20%222%22.pdf`);
    expect(attachmentDisposition("it's (1).txt")).toBe(`attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`);
  });
});
