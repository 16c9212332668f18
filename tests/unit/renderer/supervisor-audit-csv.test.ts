import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src-common/supervisor';
import { csvField } from '../../../src-common/supervisor';
import { auditCsv, auditFileName } from '../../../src-renderer/supervisor/audit-csv';

const text = {
  headers: ['Hora', 'Quién', 'Acción', 'Sobre', 'Resultado', 'Detalle'] as const,
  outcome: (o: AuditEntry['outcome']) => (o === 'done' ? 'Hecho' : 'Rechazado'),
};

describe('audit CSV export', () => {
  it('quotes fields holding commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
  });

  it('never hands a spreadsheet a formula to run', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@sum')).toBe("'@sum");
  });

  it('writes a header in the UI language and one CRLF line per entry, readable as UTF-8', () => {
    const entries: AuditEntry[] = [
      { id: 2, at: '2026-03-02T10:00:00.000Z', actorId: 'sara', actorRole: 'supervisor', action: 'forceAgentState', targetId: 'ana', outcome: 'done', detail: '{"state":"not-ready","reasonCode":"break"}' },
      { id: 1, at: '2026-03-02T09:00:00.000Z', actorId: 'sara', actorRole: 'supervisor', action: 'forceAgentState', targetId: null, outcome: 'refused', detail: 'José no está' },
    ];
    const csv = auditCsv(entries, text);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Hora,Quién,Acción,Sobre,Resultado,Detalle',
      '2026-03-02T10:00:00.000Z,sara (supervisor),forceAgentState,ana,Hecho,"{""state"":""not-ready"",""reasonCode"":""break""}"',
      '2026-03-02T09:00:00.000Z,sara (supervisor),forceAgentState,,Rechazado,José no está',
      '',
    ]);
  });

  it('names the file by time so exports sort and save on any system', () => {
    expect(auditFileName('auditoria', new Date('2026-03-02T10:05:09.123Z'))).toBe('auditoria-2026-03-02T10-05-09.csv');
  });
});
