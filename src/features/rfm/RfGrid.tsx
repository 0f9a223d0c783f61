import type { ReactNode } from 'react';
import { ScrollBox } from '../../ui/ScrollBox';

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * The R × F table both RFM views draw: R as rows (5, the most recent, on top), F as
 * columns, one cell per score pair; `cell` is its index (R − 1) · 5 + (F − 1) in the 25-cell arrays.
 */
export function RfGrid({ caption, className, renderCell }: { caption: string; className?: string; renderCell: (r: number, f: number, cell: number) => ReactNode }) {
  return (
    <ScrollBox className="table-wrap" label={caption}>
      <table className={className}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">R \ F</th>
            {SCORES.map((f) => (
              <th key={f} scope="col">
                F{f}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...SCORES].reverse().map((r) => (
            <tr key={r}>
              <th scope="row">R{r}</th>
              {SCORES.map((f) => renderCell(r, f, (r - 1) * 5 + (f - 1)))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
