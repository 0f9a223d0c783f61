// The words users see for problems: specific, saying what happened and what to do.
import type { LoadProblem } from './dataset';

export type LoadFailureProblem = LoadProblem | { kind: 'read-failed'; message: string };

export function describeLoadProblem(problem: LoadFailureProblem, fileName: string): string {
  switch (problem.kind) {
    case 'empty-file':
      return `"${fileName}" is empty: there is nothing to score. Export the customer list from your CRM again and drop that file.`;
    case 'binary':
      return `"${fileName}" is not a CSV: it looks like a binary file (a spreadsheet, archive or image). Save it as "CSV (comma or semicolon separated)" and try again.`;
    case 'header-only':
      return `"${fileName}" has a header row with ${problem.columns} column${problem.columns === 1 ? '' : 's'} but no customer rows.`;
    case 'too-large':
      return `"${fileName}" is ${(problem.bytes / 2 ** 30).toFixed(1)} GB; CRS Studio reads files up to 4 GB in the browser. Split the export, or run the model in your warehouse.`;
    case 'read-failed':
      return `"${fileName}" could not be read: ${problem.message}`;
  }
}
