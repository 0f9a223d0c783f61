import type { Ref } from 'react';
import { FOCUS_HANDOFF } from './useTakeFocus';

/** What a customer file may be: CSV (or TSV, text) and the workbooks the spreadsheet reader takes. */
const CUSTOMER_FILE_TYPES = '.csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel';

interface FilePickerProps {
  /** The button's text. */
  text: string;
  /** The input's accessible name. */
  label: string;
  className: string;
  onFile: (file: File) => void;
  inputRef?: Ref<HTMLInputElement>;
  /** A view that appears when the file loads may take this control's focus (useTakeFocus). */
  isHandoff?: boolean;
}

/** A button that picks a customer file; the same file can be picked again (the input is emptied after each pick). */
export function FilePicker({ text, label, className, onFile, inputRef, isHandoff = false }: FilePickerProps) {
  return (
    <label className={`${className} file-button`}>
      {text}
      <input
        ref={inputRef}
        {...(isHandoff ? FOCUS_HANDOFF : {})}
        type="file"
        accept={CUSTOMER_FILE_TYPES}
        aria-label={label}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) onFile(file);
          event.currentTarget.value = '';
        }}
      />
    </label>
  );
}
