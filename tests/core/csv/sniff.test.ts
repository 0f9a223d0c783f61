// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sniffDialect } from '../../../src/core/csv/sniff';

describe('sniffDialect', () => {
  it.each([
    ['CRLF', 'id;name\r\n1;Ann\r\n'],
    ['CRLF without a last line break', 'id;name\r\n1;Ann'],
    ['CR only', 'id;name\r1;Ann\r'],
    ['LF', 'id;name\n1;Ann\n'],
  ])('finds ";" in a two-line %s file (issue 16: tiny CRLF files were read as ",")', (_label, text) => {
    expect(sniffDialect(text, true).delimiter).toBe(';');
  });

  it.each([
    ['a Swedish ; export with decimal commas', 'kund;omsättning;nöjdhet\nA;1 234,50;4\nB;12,5;3\nC;7,25;5\n', ';', 'comma'],
    ['a ; export with only integers (a decimal-comma locale)', 'kund;ordrar\nA;3\nB;12\n', ';', 'comma'],
    ['a ; export with 1.234,50 numbers', 'kunde;umsatz\nA;1.234,50\nB;99,90\n', ';', 'comma'],
    ['a ; export with decimal points', 'id;revenue\n1;12.5\n2;3.75\n3;8.1\n', ';', 'point'],
    ['a plain comma file', 'id,revenue,csat\n1,12.5,4\n2,3.75,5\n3,8.1,2\n', ',', 'point'],
    ['a comma file with quoted decimal commas', 'id,value\n1,"1,5"\n2,"2,25"\n3,"7,75"\n', ',', 'comma'],
    ['a comma file with quoted thousands "1,234"', 'id,value\n1,"1,234"\n2,"5,678"\n3,"9,999"\n', ',', 'point'],
    ['a comma file with quoted commas in text', 'name,company,score\nAda,"Berg, Holm & Co",4.5\nBo,"Smith, Jones",3.5\n', ',', 'point'],
    ['a tab file', 'id\trevenue\tcsat\n1\t12.5\t4\n2\t3.75\t5\n', '\t', 'point'],
    ['a tab file with decimal commas', 'id\trevenue\n1\t12,5\n2\t3,75\n', '\t', 'comma'],
    ['a pipe file', 'id|revenue|csat\n1|12.5|4\n2|3.75|5\n', '|', 'point'],
    ['a one-column file', 'name\nAda\nBo\n', ',', 'point'],
    ['CRLF line breaks', 'id;v\r\n1;2,5\r\n2;3,5\r\n', ';', 'comma'],
  ])('%s → delimiter %j, decimal %s', (_label, sample, delimiter, decimal) => {
    expect(sniffDialect(sample)).toEqual({ delimiter, decimal });
  });

  it('ignores the header row when voting on the decimal separator', () => {
    // Header cells that look like numbers with points must not outvote the data.
    expect(sniffDialect('1.5;2.5;3.5\n1,5;2;3\n').decimal).toBe('comma');
  });

  it('ignores a partial last line (a sample cut mid-row)', () => {
    // Whole, '4.5' would vote for a decimal point; cut, only integers remain and ';' decides.
    expect(sniffDialect('id;v\n1;7\n2;8\n3;4.5\n')).toEqual({ delimiter: ';', decimal: 'point' });
    expect(sniffDialect('id;v\n1;7\n2;8\n3;4.5')).toEqual({ delimiter: ';', decimal: 'comma' });
  });

  it('property: never throws on random text and always names a supported dialect', () => {
    const text = fc.string({ unit: fc.constantFrom(...'ab01.,;\t|"\n\r '), maxLength: 200 });
    fc.assert(
      fc.property(text, (sample) => {
        const dialect = sniffDialect(sample);
        expect([',', ';', '\t', '|']).toContain(dialect.delimiter);
        expect(['point', 'comma']).toContain(dialect.decimal);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
