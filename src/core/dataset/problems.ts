// The words users see for problems: specific, saying what happened and what to do.
import type { LoadProblem } from './dataset';

export type LoadFailureProblem = LoadProblem | { kind: 'read-failed'; message: string } | { kind: 'spreadsheet'; message: string };

export function describeLoadProblem(problem: LoadFailureProblem, fileName: string): string {
  switch (problem.kind) {
    case 'empty-file':
      return `"${fileName}" is empty: there is nothing to score. Export the customer list from your CRM again and drop that file.`;
    case 'binary':
      return `"${fileName}" is not a CSV or a spreadsheet: it looks like another binary file (an archive, image or document). Export the customer list from your CRM as CSV or Excel and drop that file.`;
    case 'header-only':
      return `"${fileName}" has a header row with ${problem.columns} column${problem.columns === 1 ? '' : 's'} but no customer rows.`;
    case 'too-large':
      return `"${fileName}" is ${(problem.bytes / 2 ** 30).toFixed(1)} GB; CRS Studio reads files up to 4 GB in the browser. Split the export, or run the model in your warehouse.`;
    case 'read-failed':
      return `"${fileName}" could not be read: ${problem.message}`;
    case 'spreadsheet':
      return `"${fileName}" looks like a spreadsheet, but ${problem.message}. Save it again from Excel as .xlsx or as CSV and try again.`;
  }
}
